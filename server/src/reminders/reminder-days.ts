/** A calendar day `YYYY-MM-DD`; days compare as text. */
export type Day = string;

/** What a record's date is to a reminder today: coming up (`due`), passed (`overdue`), or neither. */
export type ReminderKind = 'due' | 'overdue';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MINUTES_PER_DAY = 24 * 60;

/** The calendar day of an instant in an IANA time zone. */
export function dayIn(ms: number, timeZone: string): Day {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(ms));
  const part = (type: string) => parts.find((one) => one.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

/** `day` moved by `days` (negative: earlier), across months and years. */
export function addDays(day: Day, days: number): Day {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

/** An ISO-8601 duration (`P7D`, `PT36H`, `P1DT12H`) in whole days, rounded up; 0 when absent. */
export function durationDays(duration: string | undefined): number {
  if (!duration) return 0;
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(duration);
  if (!match) return 0;
  const [, days = '0', hours = '0', minutes = '0'] = match;
  const total = Number(days) * MINUTES_PER_DAY + Number(hours) * 60 + Number(minutes);
  return Math.ceil(total / MINUTES_PER_DAY);
}

/**
 * The day a stored value falls on: a date field's `YYYY-MM-DD` as it is, a datetime's instant
 * in `timeZone`; undefined for anything else.
 */
export function dayOfValue(value: unknown, timeZone: string): Day | undefined {
  if (typeof value !== 'string') return undefined;
  if (DAY.test(value)) return value;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : dayIn(ms, timeZone);
}

/** `due` from `before` days ahead through the day itself; `overdue` after it, when asked for. */
export function reminderKind(
  day: Day,
  today: Day,
  rule: { readonly beforeDays: number; readonly overdue: boolean },
): ReminderKind | undefined {
  if (day >= today && day <= addDays(today, rule.beforeDays)) return 'due';
  if (day < today && rule.overdue) return 'overdue';
  return undefined;
}
