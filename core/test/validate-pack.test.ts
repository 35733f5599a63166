import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPlatform, DefinitionError, type Issue } from '../src/index.ts';
import { flowOf, samplePack } from './fixtures/sample-pack.ts';
import { testFields, testNodes } from './fixtures/test-plugins.ts';

const platform = createPlatform({ plugins: [testFields, testNodes] });

function issuesOf(pack: unknown): Issue[] {
  const result = platform.validatePack(pack);
  assert.equal(result.ok, false, 'expected the pack to be refused');
  return [...result.issues];
}

function only(pack: unknown, code: string): Issue {
  const found = issuesOf(pack).filter((one) => one.code === code);
  assert.equal(
    found.length,
    1,
    `expected one ${code}, got ${JSON.stringify(issuesOf(pack), null, 1)}`,
  );
  return found[0]!;
}

describe('validatePack', () => {
  it('accepts the sample pack', () => {
    const result = platform.validatePack(samplePack());
    assert.deepEqual(result.issues, []);
    assert.equal(result.ok, true);
  });

  it('refuses an unknown field type, naming the type and the field', () => {
    const pack = samplePack();
    (pack.tables as { fields: { type: string }[] }[])[0]!.fields[1]!.type = 'currency';
    const found = only(pack, 'field.unknownType');
    assert.equal(found.path, '/tables/0/fields/1/type');
    assert.match(found.message.en, /unknown field type "currency"/);
    assert.match(found.message.en, /known types: text, money, user/);
    assert.match(found.message['zh-CN'], /未知的字段类型“currency”/);
  });

  it('refuses an unknown node type', () => {
    const pack = samplePack();
    flowOf(pack).nodes[2]!.type = 'script';
    const found = only(pack, 'node.unknownType');
    assert.equal(found.path, '/flows/0/nodes/2/type');
    assert.match(found.message.en, /unknown node type "script"/);
  });

  it('refuses a missing plugin and a plugin of the wrong version', () => {
    const pack = samplePack();
    pack.requires = { '@test/fields': '^1.0.0', '@test/nodes': '^3.0.0', '@acme/gantt': '^1.0.0' };
    const found = issuesOf(pack).filter((one) => one.code === 'pack.requires');
    assert.deepEqual(
      found.map((one) => one.path),
      ['/requires/@test~1nodes', '/requires/@acme~1gantt'],
    );
    assert.match(
      found[0]!.message.en,
      /needs plugin "@test\/nodes" \^3\.0\.0, but version 2\.0\.0 is installed/,
    );
    assert.match(
      found[1]!.message.en,
      /needs plugin "@acme\/gantt" \^1\.0\.0, which is not installed/,
    );
  });

  it('refuses types from plugins the pack does not declare', () => {
    const pack = samplePack();
    pack.requires = { '@test/fields': '^1.0.0' };
    const found = issuesOf(pack).filter((one) => one.code === 'pack.undeclaredPlugin');
    assert.ok(found.length >= 5);
    assert.match(found[0]!.message.en, /comes from plugin "@test\/nodes"/);
  });

  it('refuses a cyclic flow, naming the nodes of the cycle', () => {
    const pack = samplePack();
    flowOf(pack).edges.push({ id: 'back', from: 'director', to: 'legal' });
    flowOf(pack).nodes[3] = { id: 'director', type: 'choice' };
    flowOf(pack).edges[4] = { id: 'e5', from: 'director', to: 'end', default: true };
    flowOf(pack).edges[5] = { id: 'back', from: 'director', to: 'legal', condition: 'amount > 1' };
    const found = only(pack, 'flow.cycle');
    assert.match(found.message.en, /"legal" → "director" → "legal" form a cycle/);
    assert.equal(found.path, '/flows/0/nodes/2');
  });

  it('refuses a dead end and an unreachable node', () => {
    const pack = samplePack();
    const flow = flowOf(pack);
    flow.nodes.push({ id: 'orphan', type: 'task', config: { assignees: [{ kind: 'initiator' }] } });
    flow.edges.push({ id: 'e6', from: 'orphan', to: 'end' });
    assert.match(
      only(pack, 'flow.unreachable').message.en,
      /node "orphan" cannot be reached from the start node "start"/,
    );

    const dead = samplePack();
    flowOf(dead).nodes.push({ id: 'stuck', type: 'choice' });
    flowOf(dead).edges[2] = { id: 'e3', from: 'check', to: 'stuck', default: true };
    flowOf(dead).edges.push({ id: 'x1', from: 'stuck', to: 'director', condition: 'amount > 1' });
    flowOf(dead).edges.push({ id: 'x2', from: 'stuck', to: 'stuck2', default: true });
    flowOf(dead).nodes.push({ id: 'stuck2', type: 'fork' });
    const issues = issuesOf(dead);
    assert.ok(
      issues.some((one) => one.code === 'flow.outgoing.min' && one.message.en.includes('"stuck2"')),
    );
  });

  it('reports a dead end when a node has no way to an end', () => {
    const pack = samplePack();
    const flow = flowOf(pack);
    flow.nodes.push({ id: 'a', type: 'task', config: { assignees: [{ kind: 'initiator' }] } });
    flow.nodes.push({ id: 'b', type: 'task', config: { assignees: [{ kind: 'initiator' }] } });
    flow.edges[2] = { id: 'e3', from: 'check', to: 'a', default: true };
    flow.edges.push({ id: 'ab', from: 'a', to: 'b' }, { id: 'ba', from: 'b', to: 'a' });
    const issues = issuesOf(pack);
    assert.deepEqual(
      issues.filter((one) => one.code === 'flow.deadEnd').map((one) => one.message.en),
      [
        'no path from node "a" reaches an end node (dead end)',
        'no path from node "b" reaches an end node (dead end)',
      ],
    );
  });

  it('needs exactly one default branch on a condition node', () => {
    const none = samplePack();
    flowOf(none).edges[2] = {
      id: 'e3',
      from: 'check',
      to: 'director',
      condition: 'amount <= 10000',
    };
    assert.equal(only(none, 'flow.noDefault').path, '/flows/0/nodes/1');
    const two = samplePack();
    flowOf(two).edges[1] = { id: 'e2', from: 'check', to: 'legal', default: true };
    assert.match(only(two, 'flow.manyDefaults').message.en, /has 2 default branches/);
  });

  it('refuses a condition on an edge that does not leave a condition node', () => {
    const pack = samplePack();
    flowOf(pack).edges[3] = { id: 'e4', from: 'legal', to: 'director', condition: 'true' };
    assert.equal(only(pack, 'flow.conditionOutsideBranch').path, '/flows/0/edges/3');
  });

  it('type-checks branch conditions against the table fields', () => {
    const pack = samplePack();
    flowOf(pack).edges[1]!.condition = 'amount > "many"';
    const found = only(pack, 'expression.type');
    assert.equal(found.path, '/flows/0/edges/1/condition');
    assert.match(found.message.en, /no such overload: decimal > string \(at line 1, column 1\)/);
    const unknown = samplePack();
    flowOf(unknown).edges[1]!.condition = 'budget > 1';
    assert.match(only(unknown, 'expression.type').message.en, /Unknown variable: budget/);
  });

  it('refuses assignee rules that cannot resolve', () => {
    const pack = samplePack();
    flowOf(pack).nodes[2]!.config = { assignees: [{ kind: 'role', role: 'cfo' }] };
    flowOf(pack).nodes[3]!.config = { assignees: [{ kind: 'field', field: 'title' }] };
    const issues = issuesOf(pack);
    const role = issues.find((one) => one.code === 'assignee.unknownRole')!;
    assert.equal(role.path, '/flows/0/nodes/2/config/assignees/0/role');
    const field = issues.find((one) => one.code === 'assignee.notPeople')!;
    assert.equal(field.path, '/flows/0/nodes/3/config/assignees/0/field');
    assert.match(
      field.message.en,
      /field "title" is of type "text", which holds neither users nor departments/,
    );
  });

  it('validates node configs against their node type', () => {
    const pack = samplePack();
    flowOf(pack).nodes[2]!.config = { assignees: [] };
    const found = only(pack, 'schema.minItems');
    assert.equal(found.path, '/flows/0/nodes/2/config/assignees');
  });

  it('checks parallel splits against their joins', () => {
    const pack = samplePack();
    const flow = flowOf(pack);
    flow.nodes.splice(1, 1, { id: 'fork', type: 'fork' }, { id: 'join', type: 'join' });
    flow.edges.splice(
      0,
      flow.edges.length,
      { id: 'a', from: 'start', to: 'fork' },
      { id: 'b', from: 'fork', to: 'legal' },
      { id: 'c', from: 'fork', to: 'director' },
      { id: 'd', from: 'legal', to: 'join' },
      { id: 'e', from: 'director', to: 'join' },
      { id: 'f', from: 'join', to: 'end' },
    );
    assert.equal(platform.validatePack(pack).ok, true);
    // one branch skips the join and ends on its own
    flow.edges[4] = { id: 'e', from: 'director', to: 'end' };
    flow.nodes.push({ id: 'solo', type: 'task', config: { assignees: [{ kind: 'initiator' }] } });
    flow.edges.push({ id: 'g', from: 'fork', to: 'solo' }, { id: 'h', from: 'solo', to: 'join' });
    const issues = issuesOf(pack);
    assert.ok(
      issues.some(
        (one) => one.code === 'flow.splitWithoutJoin' && one.message.en.includes('"fork"'),
      ),
    );
    assert.ok(
      issues.some(
        (one) => one.code === 'flow.joinWithoutSplit' && one.message.en.includes('"join"'),
      ),
    );
  });

  it('checks forms, rules and views against the table', () => {
    const pack = samplePack();
    const form = (pack.forms as Record<string, unknown>[])[0]!;
    (form.sections as { items: unknown[] }[])[0]!.items.push({ field: 'budget' });
    form.rights = { nowhere: { default: 'read' } };
    (form.rules as Record<string, unknown>[])[0]!.visible = 'amount';
    (pack.views as Record<string, unknown>[])[0]!.columns = [{ field: 'nope' }];
    const issues = issuesOf(pack);
    const byCode = (code: string) =>
      issues.filter((one) => one.code === code).map((one) => one.path);
    assert.deepEqual(byCode('field.unknown'), [
      '/forms/0/sections/0/items/3/field',
      '/views/0/columns/0/field',
    ]);
    assert.deepEqual(byCode('form.unknownNode'), ['/forms/0/rights/nowhere']);
    assert.deepEqual(byCode('expression.result_type'), ['/forms/0/rules/0/visible']);
  });

  it('validates demo records with the field types', () => {
    const pack = samplePack();
    pack.demo = {
      contract: [{ title: 'x', amount: '12.345', extra: 1 }, { amount: '1' }],
      ghost: [],
    };
    const issues = issuesOf(pack);
    assert.deepEqual(
      issues.map((one) => [one.path, one.code]),
      [
        ['/demo/contract/0/extra', 'record.unknownField'],
        ['/demo/contract/0/amount', 'money.format'],
        ['/demo/contract/1/title', 'record.required'],
        ['/demo/ghost', 'pack.demoTable'],
      ],
    );
  });

  it('stops at structure errors with plain messages in both languages', () => {
    const pack = samplePack();
    delete pack.label;
    (pack.tables as Record<string, unknown>[])[0]!.colour = 'red';
    pack.version = 'one';
    const issues = issuesOf(pack);
    assert.deepEqual(issues.map((one) => one.path).sort(), ['', '/tables/0', '/version']);
    const missing = issues.find((one) => one.path === '')!;
    assert.equal(missing.message.en, 'is missing the required property "label"');
    assert.equal(missing.message['zh-CN'], '缺少必填属性 "label"');
    assert.match(
      issues.find((one) => one.path === '/tables/0')!.message.en,
      /unknown property "colour"/,
    );
  });

  it('refuses duplicate ids', () => {
    const pack = samplePack();
    const fields = (pack.tables as { fields: Record<string, unknown>[] }[])[0]!.fields;
    fields.push({ ...fields[0]! });
    assert.equal(only(pack, 'id.duplicate').path, '/tables/0/fields/4/id');
  });

  it('checks row rules name the pack’s tables and roles', () => {
    const pack = samplePack();
    pack.rows = { contract: { legal: 'all', cfo: 'own' }, ghost: { legal: 'all' } };
    assert.deepEqual(
      issuesOf(pack).map((one) => [one.path, one.code]),
      [
        ['/rows/contract/cfo', 'pack.rowsRole'],
        ['/rows/ghost', 'pack.rowsTable'],
      ],
    );
    pack.rows = { contract: { legal: 'everything' } };
    assert.equal(issuesOf(pack)[0]?.path, '/rows/contract/legal');
  });

  it('loadPack throws a DefinitionError listing the issues', () => {
    const pack = samplePack();
    (pack.tables as { fields: { type: string }[] }[])[0]!.fields[0]!.type = 'nope';
    assert.throws(
      () => platform.loadPack(pack),
      (error: unknown) =>
        error instanceof DefinitionError &&
        error.issues.length === 1 &&
        /\/tables\/0\/fields\/0\/type: unknown field type "nope"/.test(error.message),
    );
  });

  it('never throws on arbitrary input', () => {
    for (const input of [
      null,
      42,
      'pack',
      [],
      { schemaVersion: 1 },
      { schemaVersion: '1' },
      { schemaVersion: 1, tables: 3 },
    ]) {
      const result = platform.validatePack(input);
      assert.equal(result.ok, false);
      assert.ok(result.issues.length > 0);
    }
  });
});
