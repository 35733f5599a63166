import { type Issue, issue, pointer, prefixIssues } from '../issues/issue.ts';
import type { TableDefinition } from '../model/table.ts';
import { type AppContext, celTypeOf, typedField } from './app-context.ts';
import { checkPluginConfig } from './plugin-config.ts';
import { RESERVED_NAMES } from './reserved-names.ts';
import { uniqueIds } from './unique-ids.ts';

export function checkTables(ctx: AppContext, knownTypes: () => string[]): Issue[] {
  const issues = uniqueIds(ctx.app.tables, '/tables', 'table');
  ctx.app.tables.forEach((table, index) => {
    issues.push(...checkTable(ctx, table, `/tables/${index}`, knownTypes));
  });
  return issues;
}

function checkTable(
  ctx: AppContext,
  table: TableDefinition,
  base: string,
  knownTypes: () => string[],
): Issue[] {
  const issues = uniqueIds(table.fields, `${base}/fields`, 'field');
  if (
    table.titleField !== undefined &&
    !table.fields.some((field) => field.id === table.titleField)
  ) {
    issues.push(
      issue(`${base}/titleField`, 'table.titleField', {
        en: `title field "${table.titleField}" is not a field of table "${table.id}"`,
        'zh-CN': `标题字段“${table.titleField}”不是表“${table.id}”的字段`,
      }),
    );
  }
  const fieldContext = ctx.fieldContext(table);
  table.fields.forEach((field, index) => {
    const path = pointer(base, 'fields', index);
    if (RESERVED_NAMES.has(field.id)) {
      issues.push(
        issue(`${path}/id`, 'field.reserved', {
          en: `"${field.id}" is reserved for expressions; choose another field id`,
          'zh-CN': `“${field.id}”是表达式保留名，请换一个字段 ID`,
        }),
      );
    }
    const type = ctx.fieldType(field.type);
    if (!type) {
      const known = knownTypes().join(', ');
      issues.push(
        issue(`${path}/type`, 'field.unknownType', {
          en: `unknown field type "${field.type}"; no installed plugin provides it (known types: ${known})`,
          'zh-CN': `未知的字段类型“${field.type}”，没有已安装的插件提供它（已知类型：${known}）`,
        }),
      );
      return;
    }
    const config = checkPluginConfig(type, field, path, `field "${field.id}"`);
    if (!config.ok) {
      issues.push(...config.issues);
      return;
    }
    const typed = { ...typedField(field), config: config.config };
    if (type.checkDefinition)
      issues.push(...prefixIssues(path, type.checkDefinition(typed as never, fieldContext)));
    if (field.default !== undefined) {
      if (type.derived) {
        issues.push(
          issue(`${path}/default`, 'field.defaultOnDerived', {
            en: `field "${field.id}" is computed by the platform, so it cannot have a default`,
            'zh-CN': `字段“${field.id}”由系统计算，不能设置默认值`,
          }),
        );
      } else {
        issues.push(
          ...ctx.checkExpression(
            field.default,
            `${path}/default`,
            table,
            celTypeOf(ctx, table, field),
          ),
        );
      }
    }
    field.checks?.forEach((check, checkIndex) => {
      issues.push(
        ...ctx.checkExpression(
          check.rule,
          pointer(path, 'checks', checkIndex, 'rule'),
          table,
          'bool',
        ),
      );
    });
  });
  return issues;
}
