import { type Issue, issue } from '../issues/issue.ts';
import type { AssigneeRule } from '../model/assignee.ts';
import type { TableDefinition } from '../model/table.ts';
import type { AppContext } from './app-context.ts';

/** Whether an assignee rule can be resolved at run time from this app and its flow table. */
export function checkAssignee(
  ctx: AppContext,
  rule: AssigneeRule,
  path: string,
  table: TableDefinition,
): Issue[] {
  if (rule.kind === 'role') {
    if ((ctx.app.roles ?? []).some((role) => role.id === rule.role)) return [];
    return [
      issue(`${path}/role`, 'assignee.unknownRole', {
        en: `role "${rule.role}" is not defined by the app, so nobody can be assigned through it`,
        'zh-CN': `应用中没有定义角色“${rule.role}”，无法据此分配处理人`,
      }),
    ];
  }
  const fieldId =
    rule.kind === 'field' ? rule.field : rule.kind === 'departmentHead' ? rule.of : undefined;
  if (fieldId === undefined) return [];
  const field = table.fields.find((one) => one.id === fieldId);
  const key = rule.kind === 'field' ? 'field' : 'of';
  if (!field) {
    return [
      issue(`${path}/${key}`, 'assignee.unknownField', {
        en: `field "${fieldId}" is not a field of table "${table.id}", so the assignee cannot be resolved`,
        'zh-CN': `字段“${fieldId}”不是表“${table.id}”的字段，无法解析处理人`,
      }),
    ];
  }
  const holds = ctx.fieldType(field.type)?.holds;
  if (holds === 'user' || holds === 'department') return [];
  return [
    issue(`${path}/${key}`, 'assignee.notPeople', {
      en: `field "${fieldId}" is of type "${field.type}", which holds neither users nor departments`,
      'zh-CN': `字段“${fieldId}”的类型“${field.type}”既不是人员也不是部门，无法解析处理人`,
    }),
  ];
}
