import { createPlatform } from '@tessera/core';
import { fieldBasic } from '@tessera/plugin-field-basic';
import { viewBasic } from '@tessera/plugin-view-basic';
import '../../web/src/pages/data/view-page.ts';
import { fakeApi } from '../../web/test/fake-api.ts';
import { defineGradeElements } from '../fixtures/plugins/grades/elements.ts';
import { gradesPlugin } from '../fixtures/plugins/grades/index.ts';

// Runs in Chromium (web-test-runner, mocha globals): the view page shows a view of a type that
// only the fixture plugin folder defines, through that plugin's element, and filters it by
// the operators of the fixture's field type.
declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;

async function until<T>(find: () => T | undefined | null | false, what: string): Promise<T> {
  for (let tries = 0; tries < 200; tries++) {
    const found = find();
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`never happened: ${what}`);
}

const column = (field: string, type: string, ops: string[]) => ({
  field,
  label: field,
  type,
  celType: 'string',
  ops,
});

const board = {
  id: 'board',
  label: 'Board',
  table: 'student',
  type: 'cards',
  columns: [
    column('name', 'text', ['contains', 'eq', 'ne', 'empty', 'notEmpty']),
    column('grade', 'grade', ['gte', 'lte', 'eq', 'empty', 'notEmpty']),
  ],
  sorts: [],
  groupBy: [],
  aggregates: [],
  config: {},
};

const row = (name: string, grade: string) => ({
  id: `record:${name}`,
  _rev: '1-a',
  values: { name, grade },
  createdAt: '2026-01-01T00:00:00Z',
  createdBy: 'user:admin',
  updatedAt: '2026-01-01T00:00:00Z',
});

describe('a view type from a plugin folder', () => {
  it('is shown by its element and filtered by its field type operators', async () => {
    defineGradeElements();
    const { api, requests } = fakeApi({
      'GET /apps/school/views': { body: { items: [board] } },
      'GET /apps/school/views/board/rows': (request) => ({
        body: request.query.filter?.includes('"gte"')
          ? { items: [row('Ann', 'A')], total: 1 }
          : { items: [row('Ann', 'A'), row('Bob', 'C')], total: 2 },
      }),
    });
    const page = document.createElement('tessera-view-page') as HTMLElement & {
      updateComplete: Promise<boolean>;
    };
    Object.assign(page, {
      platform: createPlatform({ plugins: [fieldBasic, viewBasic, gradesPlugin] }),
      params: { app: 'school', view: 'board' },
      ctx: {
        api,
        locale: 'en',
        navigate: () => undefined,
        refreshCounts: () => undefined,
        offline: () => Promise.reject(new Error('no offline store in tests')),
        flash: () => undefined,
      },
    });
    document.body.append(page);
    try {
      const root = page.shadowRoot!;
      const cards = () => [...root.querySelectorAll('tessera-fixture-cards article')];
      await until(() => cards().length === 2, 'two cards');
      const texts = cards().map((card) => card.textContent);
      if (texts.join('|') !== 'Ann · Grade A|Bob · Grade C') throw new Error(texts.join('|'));
      if (!root.querySelector('.badge')?.textContent?.includes('Cards')) {
        throw new Error('the badge does not name the view type');
      }

      const bar = root.querySelector('tessera-filter-bar')!;
      const barRoot = bar.shadowRoot!;
      (barRoot.querySelector('.actions button') as HTMLButtonElement).click();
      const fields = await until(() => barRoot.querySelector('select'), 'a field picker');
      fields.value = 'grade';
      fields.dispatchEvent(new Event('change'));
      await until(() => barRoot.querySelectorAll('.condition select')[1], 'an operator picker');
      const ops = await until(() => {
        const found = [
          ...barRoot.querySelectorAll('.condition select')[1]!.querySelectorAll('option'),
        ];
        return found.length === 5 && found.map((one) => one.value);
      }, "the grade's operators");
      if (ops.join() !== 'gte,lte,eq,empty,notEmpty') throw new Error(ops.join());
      const value = await until(
        () => barRoot.querySelector<HTMLInputElement>('.condition input'),
        'a value input',
      );
      value.value = 'B';
      value.dispatchEvent(new Event('change'));
      await until(() => cards().length === 1, 'one card left');
      const sent = requests.filter((one) => one.path.endsWith('/rows')).at(-1)?.query.filter;
      const expected = JSON.stringify([{ field: 'grade', op: 'gte', value: 'B' }]);
      if (sent !== expected) throw new Error(`sent ${sent}`);
    } finally {
      page.remove();
    }
  });
});
