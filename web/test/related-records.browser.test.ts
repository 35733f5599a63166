import type { AppDefinition } from '@tessera/core';
import type { RelatedGroup } from '@tessera/core/api';
import { ApiClient } from '../src/api/api-client.ts';
import type { RelatedRecords } from '../src/pages/records/related-records.ts';
import '../src/pages/records/related-records.ts';

// Runs in Chromium (web-test-runner, mocha globals): the record page's related panel (关联数据).
declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;
declare const afterEach: (body: () => void) => void;

function expect(actual: unknown, expected: unknown, what: string) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

async function until<T>(find: () => T | undefined | null | false, what: string): Promise<T> {
  for (let tries = 0; tries < 100; tries++) {
    const found = find();
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`never happened: ${what}`);
}

const app = {
  schemaVersion: 1,
  id: 'ledger',
  label: 'Ledger',
  tables: [
    { id: 'archive', kind: 'master', label: { en: 'Archive', 'zh-CN': '合同档案' }, fields: [] },
    {
      id: 'instalment',
      kind: 'master',
      label: { en: 'Instalments', 'zh-CN': '分期' },
      fields: [
        { id: 'contract', type: 'link', label: 'Contract', config: { table: 'archive' } },
        { id: 'dueDate', type: 'date', label: { en: 'Due', 'zh-CN': '到期日' } },
        { id: 'amount', type: 'money', label: { en: 'Amount', 'zh-CN': '金额' } },
      ],
    },
    {
      id: 'payment',
      kind: 'master',
      label: { en: 'Payments', 'zh-CN': '付款' },
      fields: [{ id: 'contract', type: 'link', label: 'Contract', config: { table: 'archive' } }],
    },
  ],
} as unknown as AppDefinition;

const instalments: RelatedGroup = {
  table: 'instalment',
  field: 'contract',
  label: { en: 'Instalments', 'zh-CN': '分期' },
  fieldLabel: 'Contract',
  columns: [
    { id: 'contract', label: 'Contract' },
    { id: 'dueDate', label: 'Due' },
    { id: 'amount', label: 'Amount' },
  ],
  total: 21,
  records: [
    {
      id: 'record:i1-0',
      title: 'record:i1-0',
      values: { contract: 'record:a1', dueDate: '2027-01-31', amount: '300.00' },
    },
  ],
};
const payments: RelatedGroup = {
  table: 'payment',
  field: 'contract',
  label: { en: 'Payments', 'zh-CN': '付款' },
  fieldLabel: 'Contract',
  columns: [{ id: 'contract', label: 'Contract' }],
  total: 0,
  records: [],
};

const mounted: Element[] = [];
afterEach(() => {
  for (const element of mounted.splice(0)) element.remove();
});

async function panel(groups: RelatedGroup[], locale: 'en' | 'zh-CN' = 'zh-CN') {
  const asked: string[] = [];
  const fetcher = async (input: RequestInfo | URL) => {
    asked.push(new URL(String(input), 'http://tessera.test').pathname);
    return new Response(JSON.stringify({ groups }), {
      headers: { 'content-type': 'application/json' },
    });
  };
  const element = document.createElement('tessera-related-records') as RelatedRecords;
  element.api = new ApiClient(() => locale, fetcher as typeof fetch);
  element.app = app;
  element.locale = locale;
  element.recordId = 'record:a1';
  document.body.append(element);
  mounted.push(element);
  await element.updateComplete;
  return { element, asked, root: element.shadowRoot! };
}

describe('related records panel', () => {
  it('shows each linking table as a small table with links to the records', async () => {
    const { root, asked } = await panel([instalments, payments]);
    const heading = await until(() => root.querySelector('h3'), 'a group heading');
    expect(asked, ['/api/apps/ledger/records/record%3Aa1/related'], 'the endpoint asked');
    expect(root.querySelector('h2')?.textContent, '关联数据', 'the panel heading');
    expect(heading.textContent?.replace(/\s+/g, ' ').trim(), '分期 共 21 条', 'label and total');
    expect(root.querySelectorAll('section').length, 1, 'empty groups are left out');
    const headers = [...root.querySelectorAll('th')].map((one) => one.textContent);
    expect(headers, ['记录', '到期日', '金额'], 'columns without the link back');
    const link = root.querySelector('tbody a') as HTMLAnchorElement;
    expect(
      link.getAttribute('href'),
      '/records/ledger/instalment/record%3Ai1-0',
      'a link to the record page',
    );
    expect(root.querySelector('p.muted')?.textContent, '仅显示最新的 1 条。', 'more than shown');
  });

  it('says so when nothing links here, and shows nothing when no table can', async () => {
    const empty = await panel([{ ...payments }], 'en');
    const text = await until(() => empty.root.querySelector('p.muted'), 'the empty state');
    expect(text.textContent, 'No records link to this one yet.', 'empty state');
    const none = await panel([]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(none.root.querySelector('.card'), null, 'no card without linking tables');
  });
});
