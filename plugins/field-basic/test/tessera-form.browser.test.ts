import { type AppDefinition, createPlatform, type FormDefinition } from '@tessera/core';
import type { TesseraForm } from '@tessera/runtime/elements';
import { defineFieldElements } from '../src/elements.ts';
import { fieldBasic } from '../src/index.ts';

// Runs in Chromium (web-test-runner, mocha globals), like core's expression parity test.
declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;
declare const afterEach: (body: () => void) => void;

function expect(actual: unknown, expected: unknown, what: string) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

const form: FormDefinition = {
  id: 'claim',
  label: 'Claim',
  table: 'claims',
  sections: [
    {
      id: 'main',
      columns: 2,
      items: [{ field: 'title' }, { field: 'amount' }, { field: 'reason' }, { field: 'customer' }],
    },
    { id: 'items', items: [{ field: 'lines' }] },
  ],
  rules: [{ id: 'r1', field: 'reason', visible: 'amount > decimal("1000")' }],
};
const app: AppDefinition = {
  schemaVersion: 1,
  id: 'expenses',
  label: 'Expenses',
  tables: [
    {
      id: 'claims',
      label: 'Claims',
      kind: 'master',
      fields: [
        { id: 'title', type: 'text', label: 'Title', required: true, config: { maxLength: 10 } },
        { id: 'amount', type: 'money', label: 'Amount' },
        { id: 'reason', type: 'long-text', label: 'Reason' },
        {
          id: 'customer',
          type: 'link',
          label: 'Customer',
          config: { table: 'customers', pull: [{ from: 'name', to: 'reason' }] },
        },
        {
          id: 'lines',
          type: 'sub-table',
          label: 'Lines',
          config: {
            fields: [
              { id: 'item', type: 'text', label: 'Item', required: true },
              { id: 'price', type: 'money', label: 'Price' },
            ],
            totals: [{ field: 'price', fn: 'sum' }],
          },
        },
      ],
    },
  ],
  forms: [form],
};
app.tables.push({
  id: 'customers',
  label: 'Customers',
  kind: 'master',
  titleField: 'name',
  fields: [{ id: 'name', type: 'text', label: 'Name' }],
});

const platform = createPlatform({ plugins: [fieldBasic] });
defineFieldElements();

/** Waits for Lit's updates, nested elements included. */
const settle = async () => {
  for (let i = 0; i < 3; i += 1) await new Promise((done) => requestAnimationFrame(done));
};

/** querySelectorAll through every open shadow root under `root`. */
function deepAll<T extends Element>(root: Element | ShadowRoot, selector: string): T[] {
  const found = [...root.querySelectorAll<T>(selector)];
  for (const element of root.querySelectorAll('*')) {
    if (element.shadowRoot) found.push(...deepAll<T>(element.shadowRoot, selector));
  }
  return found;
}
const deep = <T extends Element>(root: Element, selector: string): T | undefined =>
  deepAll<T>(root.shadowRoot ?? root, selector)[0];

function type(input: HTMLInputElement | HTMLTextAreaElement | undefined, text: string) {
  if (!input) throw new Error('no input to type into');
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

let mounted: TesseraForm | undefined;
async function mount(extra: Partial<TesseraForm> = {}): Promise<TesseraForm> {
  const element = document.createElement('tessera-form') as TesseraForm;
  Object.assign(element, { platform, app, form, locale: 'en', ...extra });
  document.body.append(element);
  mounted = element;
  await settle();
  return element;
}
afterEach(() => {
  mounted?.remove();
  mounted = undefined;
});

describe('<tessera-form> in Chromium', () => {
  it('shows and hides a field by a linkage rule as a value is typed', async () => {
    const element = await mount();
    expect(deep(element, '#f-reason') === undefined, true, 'reason hidden at first');
    type(deep(element, '#f-amount'), '2000');
    await settle();
    expect(deep(element, 'textarea#f-reason') !== undefined, true, 'reason shown over 1000');
    type(deep(element, '#f-reason'), 'Conference');
    type(deep(element, '#f-amount'), '10');
    await settle();
    expect(deep(element, '#f-reason') === undefined, true, 'reason hidden again');
  });

  it('updates the sub-table total as rows change, are added and removed', async () => {
    const element = await mount();
    const total = () => deep(element, '[data-total="price"]')?.textContent?.trim();
    const add = () => deep<HTMLButtonElement>(element, 'button.add')?.click();
    add();
    add();
    await settle();
    type(deep(element, '#f-lines-0-price'), '1.50');
    type(deep(element, '#f-lines-1-price'), '2.25');
    await settle();
    expect(total(), 'CN¥3.75', 'total of two rows');
    type(deep(element, '#f-lines-1-price'), '3');
    await settle();
    expect(total(), 'CN¥4.50', 'total after a change');
    add();
    await settle();
    type(deep(element, '#f-lines-2-price'), '10');
    await settle();
    expect(total(), 'CN¥14.50', 'total after adding a row');
    deep<HTMLButtonElement>(element, 'button[aria-label="Remove row, Row 1"]')?.click();
    await settle();
    expect(total(), 'CN¥13.00', 'total after removing a row');
  });

  it('shows the message of invalid input, blocks submit, then submits once when valid', async () => {
    const element = await mount();
    const sent: unknown[] = [];
    element.addEventListener('tessera-submit', (event) =>
      sent.push((event as CustomEvent).detail.values),
    );
    const title = () => deep<HTMLInputElement>(element, '#f-title');
    type(title(), 'far too long a title');
    await settle();
    deep<HTMLButtonElement>(element, 'button[type="submit"]')?.click();
    await settle();
    expect(sent.length, 0, 'no event while invalid');
    expect(title()?.getAttribute('aria-invalid'), 'true', 'aria-invalid');
    const describedBy = title()?.getAttribute('aria-describedby') ?? '';
    const root = title()?.getRootNode() as ShadowRoot;
    const message = root.getElementById(describedBy)?.textContent ?? '';
    expect(/10/.test(message), true, `message names the limit (${message})`);
    expect(root.activeElement === title(), true, 'the invalid input has focus');
    type(title(), 'Trip');
    await settle();
    expect(title()?.getAttribute('aria-invalid'), 'false', 'valid again');
    deep<HTMLButtonElement>(element, 'button[type="submit"]')?.click();
    await settle();
    expect(sent, [{ title: 'Trip', lines: [] }], 'one event with the values');
  });

  it('associates every input with a label', async () => {
    const element = await mount();
    deep<HTMLButtonElement>(element, 'button.add')?.click();
    type(deep(element, '#f-amount'), '5000');
    await settle();
    const inputs = deepAll<HTMLInputElement>(element.shadowRoot!, 'input, textarea, select');
    expect(inputs.length >= 5, true, 'inputs rendered');
    const unlabelled = inputs.filter((one) => (one.labels?.length ?? 0) === 0).map((one) => one.id);
    expect(unlabelled, [], 'inputs without a label');
    expect(
      deep<HTMLInputElement>(element, '#f-lines-0-price')?.labels?.[0]?.textContent?.trim(),
      'Price, Row 1',
      'cell label',
    );
  });

  it('picks a linked record through the injected search, shows its title and an open link', async () => {
    const searched: string[] = [];
    const services = {
      searchRecords: async (table: string, text: string) => {
        searched.push(`${table}:${text}`);
        return [{ id: 'c1', title: 'ACME', values: { name: 'ACME Ltd' } }];
      },
      recordHref: (table: string, id: string) => `/records/${table}/${id}`,
    };
    const element = await mount({ services, values: { amount: '5000.00' } });
    type(deep(element, '#f-customer'), 'ac');
    await settle();
    expect(searched, ['customers:ac'], 'search asked');
    deepAll<HTMLButtonElement>(element.shadowRoot!, '.results button')
      .find((one) => one.textContent?.trim() === 'ACME')
      ?.click();
    await settle();
    expect(deep(element, '.picked .title')?.textContent, 'ACME', 'picked title');
    const open = deep<HTMLAnchorElement>(element, '.picked a');
    expect(
      [open?.getAttribute('href'), open?.textContent],
      ['/records/customers/c1', 'Open'],
      'open link',
    );
    expect(deep<HTMLTextAreaElement>(element, '#f-reason')?.value, 'ACME Ltd', 'pulled value');
  });

  it('renders only the visible rows of a 1,000-row sub-table, and totals them all', async () => {
    const lines = Array.from({ length: 1000 }, (_, i) => ({ item: `#${i}`, price: '1.25' }));
    // The virtualizer measures rows with a ResizeObserver; Chromium reports notifications it
    // defers to the next frame as a benign "ResizeObserver loop" error, which mocha would count.
    const reportError = window.onerror;
    window.onerror = (message, ...rest) =>
      /ResizeObserver loop/.test(String(message))
        ? true
        : reportError?.call(window, message, ...rest);
    const element = await mount({ values: { lines } });
    // the virtualizer lays rows out after measuring them: a loaded machine needs more frames
    const rows = () => deepAll(element.shadowRoot!, '.rows [role="row"]').length;
    for (let frames = 0; rows() === 0 && frames < 300; frames += 1) await settle();
    await settle();
    window.onerror = reportError;
    const rendered = rows();
    expect(rendered > 0 && rendered < 100, true, `rendered ${rendered} rows of 1000`);
    expect(deep(element, '[data-total="price"]')?.textContent?.trim(), 'CN¥1,250.00', 'total');
  });

  it('speaks Chinese when the locale is zh-CN', async () => {
    const element = await mount({ locale: 'zh-CN' });
    expect(deep(element, 'button[type="submit"]')?.textContent?.trim(), '提交', 'submit text');
    expect(deep(element, 'button.add')?.textContent?.trim(), '添加行', 'add row text');
  });

  it('names and focuses an invalid sub-table cell on submit', async () => {
    const element = await mount({ values: { title: 'Trip' } });
    const sent: unknown[] = [];
    element.addEventListener('tessera-submit', (event) => sent.push(event));
    deep<HTMLButtonElement>(element, 'button.add')?.click();
    await settle();
    type(deep(element, '#f-lines-0-price'), '4');
    deep<HTMLButtonElement>(element, 'button[type="submit"]')?.click();
    await settle();
    expect(sent.length, 0, 'no event while a cell is invalid');
    const item = deep<HTMLInputElement>(element, '#f-lines-0-item');
    expect(item?.getAttribute('aria-invalid'), 'true', 'cell aria-invalid');
    expect(
      (item?.getRootNode() as ShadowRoot | undefined)?.activeElement === item,
      true,
      'cell focused',
    );
    const problems = deepAll(element.shadowRoot!, '[role="alert"] li').map(
      (one) => one.textContent,
    );
    expect(problems, ['Item (Row 1): is required'], 'problem list');
  });
});
