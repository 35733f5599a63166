import { type Issue, issue, pointer } from '../issues/issue.ts';
import type { PackManifest } from '../model/pack.ts';
import { type DemoContext, resolveDemo } from '../packs/resolve-demo.ts';
import type { FieldTypeDefinition } from '../plugin/field-type.ts';
import type { AppContext } from './app-context.ts';
import { validateRecord } from './validate-record.ts';

/** Demo references resolved to stand-ins, so the records can be checked before any install. */
const CHECK_CONTEXT: DemoContext = {
  recordId: (table, key) => `record:demo-${table}-${key}`,
  user: () => 'user:demo',
  department: () => 'department:demo',
  now: '2026-01-01T00:00:00.000Z',
};

export interface PackDeps {
  fieldType(type: string): FieldTypeDefinition | undefined;
  /** The plugin that contributes a field, node or view type. */
  pluginOf(kind: 'field' | 'node' | 'view', type: string): string | undefined;
}

/** Pack-only checks: every plugin it uses is in `requires`, demo records are valid, migrations name real tables. */
export function checkPack(ctx: AppContext, pack: PackManifest, deps: PackDeps): Issue[] {
  const issues: Issue[] = [];
  const requires = pack.requires;
  const need = (kind: 'field' | 'node' | 'view', type: string, path: string) => {
    const plugin = deps.pluginOf(kind, type);
    if (plugin !== undefined && !(plugin in requires)) {
      issues.push(
        issue(path, 'pack.undeclaredPlugin', {
          en: `${kind} type "${type}" comes from plugin "${plugin}", which the pack does not list in "requires"`,
          'zh-CN': `${kind} 类型“${type}”来自插件“${plugin}”，但包的 requires 中没有声明该插件`,
        }),
      );
    }
  };
  for (const [t, table] of pack.tables.entries()) {
    for (const [f, field] of table.fields.entries()) {
      need('field', field.type, pointer('/tables', t, 'fields', f, 'type'));
    }
  }
  for (const [i, flow] of (pack.flows ?? []).entries()) {
    for (const [n, node] of flow.nodes.entries())
      need('node', node.type, pointer('/flows', i, 'nodes', n, 'type'));
  }
  (pack.views ?? []).forEach(
    (view, i) => void need('view', view.type, pointer('/views', i, 'type')),
  );

  const demo = resolveDemo(ctx.app, pack.demo, CHECK_CONTEXT);
  issues.push(...demo.issues);
  const positions = new Map<string, number>();
  for (const record of demo.records) {
    const table = ctx.table(record.table);
    const index = positions.get(record.table) ?? 0;
    positions.set(record.table, index + 1);
    if (!table) continue;
    issues.push(
      ...validateRecord(
        table,
        record.values,
        deps.fieldType,
        { dictionary: ctx.dictionary, fieldType: deps.fieldType },
        pointer('/demo', record.table, index),
      ),
    );
  }
  for (const tableId of Object.keys(pack.demo ?? {})) {
    if (!ctx.table(tableId)) {
      issues.push(
        issue(pointer('/demo', tableId), 'pack.demoTable', {
          en: `demo data is given for table "${tableId}", which the pack does not define`,
          'zh-CN': `为表“${tableId}”提供了演示数据，但包中没有定义该表`,
        }),
      );
    }
  }
  const roles = new Set((pack.roles ?? []).map((role) => role.id));
  for (const [tableId, rules] of Object.entries(pack.rows ?? {})) {
    if (!ctx.table(tableId)) {
      issues.push(
        issue(pointer('/rows', tableId), 'pack.rowsTable', {
          en: `row rules are given for table "${tableId}", which the pack does not define`,
          'zh-CN': `为表“${tableId}”设置了行权限，但包中没有定义该表`,
        }),
      );
      continue;
    }
    for (const roleId of Object.keys(rules)) {
      if (!roles.has(roleId)) {
        issues.push(
          issue(pointer('/rows', tableId, roleId), 'pack.rowsRole', {
            en: `row rules name role "${roleId}", which the pack does not define`,
            'zh-CN': `行权限引用的角色“${roleId}”在包中未定义`,
          }),
        );
      }
    }
  }
  (pack.migrations ?? []).forEach((migration, m) => {
    migration.steps.forEach((step, s) => {
      const table = ctx.table(step.table);
      const path = pointer('/migrations', m, 'steps', s);
      if (!table) {
        issues.push(
          issue(`${path}/table`, 'pack.migrationTable', {
            en: `migration step names table "${step.table}", which the pack does not define`,
            'zh-CN': `迁移步骤引用的表“${step.table}”在包中未定义`,
          }),
        );
        return;
      }
      const field =
        step.op === 'renameField' ? step.to : step.op === 'setField' ? step.field : undefined;
      if (field !== undefined && !table.fields.some((one) => one.id === field)) {
        issues.push(
          issue(`${path}/${step.op === 'renameField' ? 'to' : 'field'}`, 'pack.migrationField', {
            en: `migration step writes field "${field}", which table "${table.id}" does not define in this version`,
            'zh-CN': `迁移步骤写入的字段“${field}”在此版本的表“${table.id}”中未定义`,
          }),
        );
      }
      if (step.op === 'setField')
        issues.push(...ctx.checkExpression(step.value, `${path}/value`, table));
    });
  });
  return issues;
}
