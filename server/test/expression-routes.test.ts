import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_VARIABLES } from '../src/expression/check-request.ts';
import { errorOf, makeApp, post } from './helpers.ts';

const app = await makeApp();
const check = (body: unknown, locale = 'en') =>
  post(app, `/api/expressions/check?locale=${locale}`, body);

describe('POST /api/expressions/check', () => {
  it('gives the result type of a good expression', async () => {
    const { status, json } = await check({
      source: 'amount > 100000 && owner != ""',
      variables: { amount: 'decimal', owner: 'string' },
    });
    assert.equal(status, 200);
    assert.deepEqual(json, { ok: true, type: 'bool' });
  });

  it('accepts list and map types and no variables at all', async () => {
    assert.deepEqual(
      (
        await check({
          source: 'tags.size() + counts["a"]',
          variables: { tags: 'list<string>', counts: 'map<string, int>' },
        })
      ).json,
      { ok: true, type: 'int' },
    );
    assert.deepEqual((await check({ source: '"a" + "b"' })).json, { ok: true, type: 'string' });
  });

  it('reports a type error with line and column', async () => {
    const { status, json } = await check({
      source: 'amount > 1 &&\n  owner + 1',
      variables: { amount: 'decimal', owner: 'string' },
    });
    assert.equal(status, 200);
    assert.equal(json.ok, false);
    const error = json.error as { code: string; message: string; line: number; column: number };
    assert.equal(error.code, 'type');
    assert.equal(error.line, 2);
    assert.equal(error.column, 3);
    assert.match(error.message, /string \+ int/);
  });

  it('reports a syntax error with its position, in Chinese when asked', async () => {
    const { json } = await check({ source: 'a +', variables: { a: 'int' } }, 'zh-CN');
    const error = json.error as { code: string; message: string; line: number; column: number };
    assert.equal(error.code, 'syntax');
    assert.deepEqual([error.line, error.column], [1, 4]);
    assert.match(error.message, /表达式不完整/);
  });

  it('refuses an expression that may take too many steps, naming the rule', async () => {
    const list = `[${Array(100).fill(1).join(',')}]`;
    const { status, json } = await check(
      { source: `${list}.map(a, ${list}.map(b, ${list}.map(c, a + b + c))).size() > 0` },
      'zh-CN',
    );
    assert.equal(status, 200);
    const error = json.error as { code: string; message: string; column: number };
    assert.equal(error.code, 'too_costly');
    assert.match(error.message, /嵌套 3 层.*上限为 100,000 步/);
    assert.equal(error.column, 1);
  });

  it('checks the expected type', async () => {
    const { json } = await check({ source: 'a + 1', variables: { a: 'int' }, expect: 'bool' });
    assert.equal(json.ok, false);
    assert.equal((json.error as { code: string }).code, 'result_type');
  });

  it('refuses matches() as unsafe', async () => {
    const { json } = await check({ source: 's.matches("(a+)+$")', variables: { s: 'string' } });
    assert.equal((json.error as { code: string }).code, 'unsafe_regex');
  });

  it(`refuses more than ${MAX_VARIABLES} variables naming the field`, async () => {
    const variables = Object.fromEntries(
      Array.from({ length: MAX_VARIABLES + 1 }, (_, i) => [`v${i}`, 'int']),
    );
    const { status, json } = await check({ source: 'v0', variables });
    assert.equal(status, 400);
    assert.equal(errorOf(json).code, 'too_many_variables');
    assert.equal(errorOf(json).field, '/variables');
  });

  it('refuses bad variable names and types naming the variable', async () => {
    for (const name of ['1abc', 'a-b', 'in', 'int', '', 'x'.repeat(65), '__proto__x y']) {
      const { status, json } = await check({ source: '1', variables: { [name]: 'int' } });
      assert.equal(status, 400, name);
      assert.equal(errorOf(json).code, 'invalid_variable_name', name);
      assert.equal(errorOf(json).field, `/variables/${name}`);
    }
    for (const type of [
      'foo',
      'list<foo>',
      'map<string>',
      'list<list<list<list<list<list<int>>>>>>',
    ]) {
      const { status, json } = await check({ source: '1', variables: { a: type } });
      assert.equal(status, 400, String(type));
      assert.equal(errorOf(json).code, 'invalid_type');
      assert.equal(errorOf(json).field, '/variables/a');
    }
    // not a string at all: refused by the route's body schema before the handler runs
    for (const type of [42, null]) {
      const { status, json } = await check({ source: '1', variables: { a: type } });
      assert.equal(status, 400, String(type));
      assert.equal(errorOf(json).code, 'invalid_body');
      assert.equal(errorOf(json).field, '/variables/a');
    }
  });

  it('refuses a missing source, non-object variables and a bad expect', async () => {
    let response = await check({ variables: {} });
    assert.equal(response.status, 400);
    assert.equal(errorOf(response.json).field, '/source');
    response = await check({ source: '1', variables: ['a'] });
    assert.equal(response.status, 400);
    assert.equal(errorOf(response.json).field, '/variables');
    response = await check({ source: '1', expect: 'number' });
    assert.equal(response.status, 400);
    assert.equal(errorOf(response.json).field, '/expect');
  });

  it('reports an over-long expression as an answer, not a crash', async () => {
    const { status, json } = await check({ source: `${'1 + '.repeat(2000)}1` });
    assert.equal(status, 200);
    assert.equal((json.error as { code: string }).code, 'too_long');
  });
});
