const PATTERN = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/;

/** Milliseconds of an ISO-8601 duration of days, hours and minutes (`P2D`, `PT4H30M`). */
export function isoDurationMs(text: string): number {
  const match = PATTERN.exec(text);
  if (!match || text === 'P' || text.endsWith('T'))
    throw new Error(`"${text}" is not an ISO-8601 duration`);
  const [, days = '0', hours = '0', minutes = '0'] = match;
  return ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60_000;
}

/** Milliseconds of a CEL duration value (`duration("4h")`), whose seconds may be a BigInt. */
export function celDurationMs(value: unknown): number | undefined {
  if (value === null || typeof value !== 'object' || !('seconds' in value)) return undefined;
  const { seconds, nanos } = value as { seconds: unknown; nanos?: unknown };
  const ms = Number(seconds) * 1000 + Number(nanos ?? 0) / 1e6;
  return Number.isFinite(ms) ? ms : undefined;
}

export const addMs = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
