import ExcelJS from 'exceljs';
import {
  type Answer,
  call,
  makeUser,
  ORIGIN,
  type Session,
  signIn,
  startTestServer,
  type TestServer,
} from './accounts-helpers.ts';

/** A customer master table with one field of each convertible type, and an auto-number. */
export function crmApp(): Record<string, unknown> {
  return {
    schemaVersion: 1,
    id: 'crm',
    label: { en: 'Customers', 'zh-CN': '客户' },
    roles: [{ id: 'sales', label: { en: 'Sales', 'zh-CN': '销售' } }],
    dictionaries: [
      {
        id: 'regions',
        label: 'Regions',
        items: [
          { value: 'east', label: { en: 'East China', 'zh-CN': '华东' } },
          { value: 'north', label: { en: 'North China', 'zh-CN': '华北' } },
        ],
      },
    ],
    tables: [
      {
        id: 'customer',
        kind: 'master',
        label: { en: 'Customer', 'zh-CN': '客户' },
        titleField: 'name',
        fields: [
          { id: 'code', type: 'auto-number', label: '编号', config: { pattern: 'C-{seq:4}' } },
          { id: 'name', type: 'text', label: { en: 'Name', 'zh-CN': '客户名称' }, required: true },
          {
            id: 'revenue',
            type: 'money',
            label: { en: 'Annual revenue', 'zh-CN': '年营业额' },
            config: { currency: 'CNY', scale: 2 },
          },
          { id: 'staff', type: 'number', label: { en: 'Staff', 'zh-CN': '员工数' } },
          { id: 'since', type: 'date', label: { en: 'Customer since', 'zh-CN': '签约日期' } },
          {
            id: 'tier',
            type: 'select',
            label: { en: 'Tier', 'zh-CN': '等级' },
            config: {
              options: [
                { value: 'gold', label: { en: 'Gold', 'zh-CN': '金牌' } },
                { value: 'silver', label: { en: 'Silver', 'zh-CN': '银牌' } },
              ],
            },
          },
          {
            id: 'region',
            type: 'select',
            label: { en: 'Region', 'zh-CN': '区域' },
            config: { dictionary: 'regions' },
          },
          { id: 'active', type: 'boolean', label: { en: 'Active', 'zh-CN': '有效' } },
          { id: 'owner', type: 'user', label: { en: 'Account manager', 'zh-CN': '客户经理' } },
          { id: 'note', type: 'long-text', label: { en: 'Note', 'zh-CN': '备注' } },
        ],
      },
    ],
  };
}

export interface ImportWorld {
  readonly server: TestServer;
  readonly admin: Session;
  readonly seller: Session;
  readonly outsider: Session;
}

const ok = (answer: Answer, status: number, what: string) => {
  if (answer.status !== status)
    throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.json)}`);
  return answer.json;
};

export async function startImportWorld(): Promise<ImportWorld> {
  const server = await startTestServer();
  const { app } = server;
  const admin = await signIn(app, 'admin', server.admin.password);
  await makeUser(server, admin, { username: 'Zhang.Wei', roles: ['user'] });
  await makeUser(server, admin, { username: 'outsider', roles: ['user'] });
  const seller = await signIn(app, 'zhang.wei', 'correct horse battery');
  const outsider = await signIn(app, 'outsider', 'correct horse battery');
  ok(await call(app, 'POST', '/api/apps', { as: admin, body: crmApp() }), 201, 'app');
  ok(await call(app, 'POST', '/api/apps/crm/publish', { as: admin, body: {} }), 201, 'publish');
  ok(
    await call(app, 'PUT', '/api/apps/crm/roles', {
      as: admin,
      body: { roles: { sales: { users: [seller.user.id] } }, rows: { customer: { sales: 'all' } } },
    }),
    200,
    'roles',
  );
  return { server, admin, seller, outsider };
}

export const IMPORT = '/api/apps/crm/tables/customer/import';

/** Posts a file as a browser's FormData does, signed in as `as`. */
export async function upload(
  world: ImportWorld,
  as: Session,
  file: { name: string; bytes: Uint8Array | string; type?: string },
  query: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const form = new FormData();
  const bytes = typeof file.bytes === 'string' ? new TextEncoder().encode(file.bytes) : file.bytes;
  form.append('file', new Blob([bytes], { type: file.type ?? '' }), file.name);
  const response = await world.server.app.request(`${IMPORT}?${query}`, {
    method: 'POST',
    body: form,
    headers: {
      cookie: `tessera_session=${as.cookie}`,
      origin: ORIGIN,
      'x-csrf-token': as.csrf,
      ...headers,
    },
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : {}, headers: response.headers };
}

/** An .xlsx with one sheet of these rows (cells as given: strings, numbers, dates, formulas). */
export async function xlsxOf(rows: ExcelJS.CellValue[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Customers');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export async function customers(world: ImportWorld) {
  const answer = await call(
    world.server.app,
    'GET',
    '/api/apps/crm/tables/customer/records?limit=1000',
    {
      as: world.admin,
    },
  );
  return answer.json.items as { id: string; createdBy: string; values: Record<string, unknown> }[];
}
