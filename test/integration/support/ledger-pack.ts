/**
 * A one-table pack whose versions migrate every record: 1.0.0 carries `records` demo records
 * (`name`, `qty`, `cost`); 2.0.0 renames `cost` to `price` and sets `trail` to "v2"; 3.0.0 and
 * 4.0.0 each append to `trail` from its value before, so a step run twice or skipped shows.
 */
export const LEDGER_PACK = 'kill-ledger';
/** The app id the pack installs as. */
export const LEDGER_APP = 'kill_ledger';

const label = (en: string) => ({ en, 'zh-CN': en });
const money = { currency: 'CNY', scale: 2 };

const MIGRATIONS = [
  {
    from: '^1.0.0',
    to: '2.0.0',
    steps: [
      { op: 'renameField', table: 'item', from: 'cost', to: 'price' },
      { op: 'setField', table: 'item', field: 'trail', value: '"v2"' },
    ],
  },
  {
    from: '^2.0.0',
    to: '3.0.0',
    steps: [{ op: 'setField', table: 'item', field: 'trail', value: 'trail + ">v3"' }],
  },
  {
    from: '^3.0.0',
    to: '4.0.0',
    steps: [{ op: 'setField', table: 'item', field: 'trail', value: 'trail + ">v4"' }],
  },
];

/** The pack at `major`.0.0 (1 … 4). */
export function ledgerPack(major: number, records: number): Record<string, unknown> {
  const fields = [
    { id: 'name', type: 'text', label: label('Name'), required: true },
    { id: 'qty', type: 'number', label: label('Quantity') },
    major === 1
      ? { id: 'cost', type: 'money', label: label('Cost'), config: money }
      : { id: 'price', type: 'money', label: label('Price'), config: money },
    ...(major === 1 ? [] : [{ id: 'trail', type: 'text', label: label('Trail') }]),
  ];
  return {
    schemaVersion: 1,
    name: LEDGER_PACK,
    version: `${major}.0.0`,
    label: label('Kill ledger'),
    requires: { '@tessera/plugin-field-basic': '^0.1.0' },
    roles: [{ id: 'keeper', label: label('Keeper') }],
    rows: { item: { keeper: 'all' } },
    tables: [{ id: 'item', label: label('Item'), kind: 'master', titleField: 'name', fields }],
    ...(major === 1
      ? {
          demo: {
            item: Array.from({ length: records }, (_, i) => ({
              $id: `k${i}`,
              name: `item ${i}`,
              qty: i,
              cost: `${i}.50`,
            })),
          },
        }
      : { migrations: MIGRATIONS.slice(0, major - 1) }),
  };
}

/** What demo record `i` holds at app version `major`. */
export function ledgerValues(i: number, major: number): Record<string, unknown> {
  if (major === 1) return { name: `item ${i}`, qty: i, cost: `${i}.50` };
  const trail = ['v2', '>v3', '>v4'].slice(0, major - 1).join('');
  return { name: `item ${i}`, qty: i, price: `${i}.50`, trail };
}

/** The demo key's number of a record id (`record:kill_ledger-demo-item-k12` → 12). */
export const ledgerIndex = (id: string) => Number(/-k(\d+)$/.exec(id)?.[1]);
