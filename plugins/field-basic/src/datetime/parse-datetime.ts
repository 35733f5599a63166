import { isCalendarDate, utcMillis } from '../shared/calendar.ts';

const DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * ISO 8601 date and time with `Z` or an offset → milliseconds since the epoch, or undefined
 * when the text is not one or names a time that does not exist (2023-02-29, 24:00, +15:00).
 */
export function parseDatetime(text: string): number | undefined {
  const match = DATETIME.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((at) => Number(match[at]));
  const second = Number(match[6] ?? 0);
  const millis = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  const offsetHours = Number(match[9] ?? 0);
  const offsetMinutes = Number(match[10] ?? 0);
  if (!isCalendarDate(year!, month!, day!)) return undefined;
  if (hour! > 23 || minute! > 59 || second > 59 || offsetHours > 14 || offsetMinutes > 59) {
    return undefined;
  }
  const sign = match[8] === '-' ? -1 : 1;
  const local = utcMillis(
    year!,
    month!,
    day!,
    ((hour! * 60 + minute!) * 60 + second) * 1000 + millis,
  );
  return local - sign * (offsetHours * 60 + offsetMinutes) * 60000;
}
