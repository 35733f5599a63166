import { Decimal } from '@tessera/core';

/** A CEL result as text: strings as they are, numbers and decimals in plain digits, timestamps ISO. */
export function celToText(value: unknown): unknown {
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (Decimal.isDecimal(value)) return value.toFixed();
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  return value;
}
