import Type, { type Static } from 'typebox';
import { AssigneeRuleSchema } from './assignee.ts';
import { Expression, Id, IsoDuration, LocalizedTextSchema } from './common.ts';

/** The assignee rules a reminder resolves without a flow: named users, an app role, a user field. */
export const REMINDER_RULE_KINDS = ['user', 'role', 'field'] as const;

/**
 * A date-driven reminder on a table's records (数据提醒 / 到期提醒): while `when` holds, the
 * people of `notify` get a notice once when the record's `date` comes within `before` (on the
 * day itself when absent), and once more after it has passed when `overdue` is set. Dates are
 * compared by calendar day in the server's time zone.
 */
export const ReminderSchema = Type.Object(
  {
    id: Id,
    label: LocalizedTextSchema,
    table: Id,
    /** A date or datetime field of `table`. */
    date: Id,
    /** How long before the date the reminder starts, e.g. P7D; rounded up to whole days. */
    before: Type.Optional(IsoDuration),
    /** Also remind once when the date has passed. */
    overdue: Type.Optional(Type.Boolean()),
    /** A CEL bool over the record, e.g. `outstanding > 0`: nobody is reminded while it is false. */
    when: Type.Optional(Expression),
    /** Who is told: kinds `user`, `role` (the app role mapping) and `field` (a user field). */
    notify: Type.Array(AssigneeRuleSchema, { minItems: 1, maxItems: 20 }),
    message: Type.Optional(LocalizedTextSchema),
  },
  { additionalProperties: false },
);

export type ReminderDefinition = Static<typeof ReminderSchema>;
