import type { Environment } from '@marcbachmann/cel-js';
import { toEngineType } from './cel-values.ts';

const DAY = 86_400_000;

/**
 * Calendar helpers on UTC days, so Node and browsers agree whatever their time zone.
 * There is deliberately no `now()`: expressions are pure; callers pass `now` as a variable.
 */
const fn = (env: Environment, signature: string, handler: (...args: never[]) => unknown) =>
  env.registerFunction(toEngineType(signature), handler as never);

export function registerTimeFunctions(env: Environment): void {
  fn(env, 'daysBetween(timestamp, timestamp): int', (from: Date, to: Date) =>
    BigInt(Math.round((utcDay(to) - utcDay(from)) / DAY)),
  );
  fn(env, 'addDays(timestamp, int): timestamp', (at: Date, days: bigint) => {
    if (days > 100_000n || days < -100_000n)
      throw new RangeError('addDays() takes at most 100000 days');
    return new Date(at.getTime() + Number(days) * DAY);
  });
  fn(env, 'date(string): timestamp', (text: string) => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    const date = match
      ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
      : null;
    if (!date || date.getUTCDate() !== Number(match?.[3]))
      throw new RangeError(`"${text}" is not a date (YYYY-MM-DD)`);
    return date;
  });
}

function utcDay(date: Date): number {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}
