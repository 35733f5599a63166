import type { FieldOf, FieldTypeDefinition } from '@tessera/core';
import { booleanField } from '../boolean/boolean-field.ts';
import { dateField } from '../date/date-field.ts';
import { longTextField } from '../long-text/long-text-field.ts';
import { moneyField } from '../money/money-field.ts';
import { numberField } from '../number/number-field.ts';
import type { ComputedSettings } from './computed-config.ts';

export interface ResultKind {
  /** The field type whose values the result has (this plugin's own). */
  readonly type: FieldTypeDefinition;
  /** Its config, built from the computed field's. */
  config(settings: ComputedSettings): Record<string, unknown>;
  /** CEL types the expression may give: the first is the field's own, the rest convert to it. */
  accepts(settings: ComputedSettings): readonly string[];
  /** Most decimal places the result may have; absent when it has none. */
  readonly maxScale?: number;
  /** Whether the result is an amount in a currency. */
  readonly currency?: boolean;
}

/**
 * What a computed result can be. A closed set of this plugin's types, so the computed field
 * refers to them directly: hooks without a context (toCel, fromCel, compare, format) need them too.
 */
export const RESULT_TYPES = {
  number: {
    type: numberField,
    config: (s) => ({ scale: s.scale ?? 0 }),
    accepts: (s) => ((s.scale ?? 0) === 0 ? ['int', 'double'] : ['double', 'int']),
    maxScale: 8,
  },
  money: {
    type: moneyField,
    config: (s) => ({ scale: s.scale ?? 2, currency: s.currency ?? 'CNY' }),
    accepts: () => ['decimal', 'int', 'double'],
    maxScale: 4,
    currency: true,
  },
  // text results may be long and span lines (an address, a summary): long-text rules apply
  text: { type: longTextField, config: () => ({ maxLength: 10000 }), accepts: () => ['string'] },
  date: { type: dateField, config: () => ({}), accepts: () => ['timestamp'] },
  boolean: { type: booleanField, config: () => ({}), accepts: () => ['bool'] },
} as const satisfies Record<string, ResultKind>;

/** The result's field type and the field as that type sees it (same id and label, its config). */
export function resultOf(field: FieldOf<ComputedSettings>): {
  type: FieldTypeDefinition;
  field: FieldOf<unknown>;
} {
  const result: ResultKind = RESULT_TYPES[field.config.resultType];
  return {
    type: result.type,
    field: { ...field, type: result.type.type, config: result.config(field.config) },
  };
}
