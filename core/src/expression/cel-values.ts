import Decimal from 'decimal.js';

/** Converts a JSON value into the CEL value a variable of one type expects. */
export type ToCel = (value: unknown) => unknown;

/** The value an empty field has in expressions: Seeyon-style, empty numbers count as 0. */
export function zeroValue(celType: string): unknown {
  if (celType === 'string') return '';
  if (celType === 'int' || celType === 'uint') return 0n;
  if (celType === 'double') return 0;
  if (celType === 'decimal') return new Decimal(0);
  if (celType === 'bool') return false;
  if (celType.startsWith('list')) return [];
  if (celType.startsWith('map')) return {};
  return undefined;
}

/** Converts JSON to CEL by the declared CEL type; the single place numbers are mapped. */
export function toCelByType(celType: string): ToCel {
  if (celType === 'int' || celType === 'uint') return toInt;
  if (celType === 'double') return toDouble;
  if (celType === 'decimal') return toDecimal;
  if (celType === 'timestamp') return toTimestamp;
  if (celType.startsWith('list<')) {
    const inner = toCelByType(celType.slice(5, -1).trim());
    return (value) => (Array.isArray(value) ? value.map(inner) : value);
  }
  if (celType === 'list' || celType === 'map' || celType === 'dyn' || celType.startsWith('map<')) {
    return toDyn;
  }
  return identity;
}

/** The conversion of values that CEL takes as they are (strings, booleans). */
export const identity: ToCel = (value) => value;

const SMALL_INTS = Array.from({ length: 1024 }, (_, i) => BigInt(i));

function toInt(value: unknown): unknown {
  if (typeof value === 'number' && Number.isInteger(value)) {
    return value >= 0 && value < 1024 ? SMALL_INTS[value] : BigInt(value);
  }
  if (typeof value === 'string' && /^-?\d{1,30}$/.test(value)) return BigInt(value);
  return value;
}

function toDouble(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return value;
}

function toDecimal(value: unknown): unknown {
  if (value instanceof Decimal) return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return new Decimal(value);
  if (typeof value === 'number' && Number.isFinite(value)) return new Decimal(String(value));
  if (typeof value === 'bigint') return new Decimal(value.toString());
  return value;
}

function toTimestamp(value: unknown): unknown {
  if (value instanceof Date) return value;
  if (typeof value === 'string') {
    const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
    return Number.isNaN(date.getTime()) ? value : date;
  }
  return value;
}

/** JSON inside lists and maps of unknown shape: whole numbers become CEL ints. */
function toDyn(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(toDyn);
  if (
    value !== null &&
    typeof value === 'object' &&
    !(value instanceof Date) &&
    !(value instanceof Decimal)
  ) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = toDyn(inner);
    return out;
  }
  return value;
}

/**
 * A CEL result as plain JSON: ints become numbers (or strings past 2^53), decimals become
 * strings (never floats), timestamps ISO strings, durations seconds.
 */
export function celToJson(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (value instanceof Decimal) return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(celToJson);
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of value) out[String(key)] = celToJson(inner);
    return out;
  }
  if (value instanceof Uint8Array) return Array.from(value);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = celToJson(inner);
    return out;
  }
  return value;
}

/** Tessera writes `timestamp` and `duration`; cel-js names them by their protobuf types. */
export function toEngineType(type: string): string {
  return type
    .replace(/\btimestamp\b/g, 'google.protobuf.Timestamp')
    .replace(/\bduration\b/g, 'google.protobuf.Duration');
}

export function fromEngineType(type: string): string {
  return type
    .replace(/google\.protobuf\.Timestamp/g, 'timestamp')
    .replace(/google\.protobuf\.Duration/g, 'duration');
}
