import { type Issue, issue, pointer } from '../issues/issue.ts';
import type { AssigneeRule } from '../model/assignee.ts';
import type { FieldDefinition } from '../model/field.ts';
import { REMINDER_RULE_KINDS, type ReminderDefinition } from '../model/reminder.ts';
import type { TableDefinition } from '../model/table.ts';
import { type AppContext, typedField } from './app-context.ts';
import { checkAssignee } from './check-assignees.ts';
import { uniqueIds } from './unique-ids.ts';

/** JSON Schema formats of stored values a reminder can count days to. */
const DATE_FORMATS = new Set(['date', 'date-time']);

/**
 * Whether a field stores a calendar date or an instant: its type's value schema says so
 * (`format: date` or `date-time`), so any plugin's date-like type, or a computed date, qualifies.
 */
export function isDateField(ctx: AppContext, table: TableDefinition, field: FieldDefinition) {
  const type = ctx.fieldType(field.type);
  if (!type) return false;
  try {
    const schema = type.valueSchema(typedField(field) as never, ctx.fieldContext(table));
    return typeof schema.format === 'string' && DATE_FORMATS.has(schema.format);
  } catch {
    return false;
  }
}

/**
 * Reminders name a table of the app, a date field of it, a bool `when` over its records, and
 * people reachable without a flow: users, app roles, the record's own user fields.
 */
export function checkReminders(ctx: AppContext): Issue[] {
  const reminders = ctx.app.reminders ?? [];
  const issues = uniqueIds(reminders, '/reminders', 'reminder');
  reminders.forEach((one, index) => {
    issues.push(...checkReminder(ctx, one, pointer('/reminders', index)));
  });
  return issues;
}

function checkReminder(ctx: AppContext, one: ReminderDefinition, base: string): Issue[] {
  const table = ctx.table(one.table);
  if (!table) {
    return [
      issue(`${base}/table`, 'reminder.unknownTable', {
        en: `reminder "${one.id}" is on table "${one.table}", which does not exist`,
        'zh-CN': `提醒“${one.id}”所在的表“${one.table}”不存在`,
      }),
    ];
  }
  const issues: Issue[] = [];
  const date = table.fields.find((field) => field.id === one.date);
  if (!date) {
    issues.push(
      issue(`${base}/date`, 'reminder.unknownField', {
        en: `reminder "${one.id}" counts to field "${one.date}", which table "${table.id}" does not have`,
        'zh-CN': `提醒“${one.id}”所用的日期字段“${one.date}”不是表“${table.id}”的字段`,
      }),
    );
  } else if (!isDateField(ctx, table, date)) {
    issues.push(
      issue(`${base}/date`, 'reminder.notDate', {
        en: `field "${one.date}" is of type "${date.type}", not a date or date-and-time field`,
        'zh-CN': `字段“${one.date}”的类型“${date.type}”不是日期或日期时间`,
      }),
    );
  }
  if (one.when !== undefined) {
    issues.push(...ctx.checkExpression(one.when, `${base}/when`, table, 'bool'));
  }
  one.notify.forEach((rule, index) => {
    issues.push(...checkRule(ctx, rule, pointer(base, 'notify', index), table));
  });
  return issues;
}

function checkRule(
  ctx: AppContext,
  rule: AssigneeRule,
  path: string,
  table: TableDefinition,
): Issue[] {
  if (!(REMINDER_RULE_KINDS as readonly string[]).includes(rule.kind)) {
    return [
      issue(`${path}/kind`, 'reminder.ruleKind', {
        en: `a reminder cannot notify by "${rule.kind}" (no flow, no initiator); use ${REMINDER_RULE_KINDS.join(', ')}`,
        'zh-CN': `提醒不能按“${rule.kind}”通知（没有流程与发起人），请使用 ${REMINDER_RULE_KINDS.join('、')}`,
      }),
    ];
  }
  const found = checkAssignee(ctx, rule, path, table);
  if (found.length > 0 || rule.kind !== 'field') return found;
  const field = table.fields.find((one) => one.id === rule.field);
  if (field && ctx.fieldType(field.type)?.holds === 'user') return [];
  return [
    issue(`${path}/field`, 'reminder.notUserField', {
      en: `field "${rule.field}" holds no users, so nobody can be notified through it`,
      'zh-CN': `字段“${rule.field}”不是人员字段，无法据此通知`,
    }),
  ];
}
