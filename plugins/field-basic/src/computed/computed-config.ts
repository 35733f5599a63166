import { type Static, Type } from '@tessera/core';

export const ComputedConfig = Type.Object(
  {
    /** CEL over this table's fields (over the row's columns inside a sub-table). */
    expression: Type.String({ minLength: 1, maxLength: 4000 }),
    resultType: Type.Union([
      Type.Literal('number'),
      Type.Literal('money'),
      Type.Literal('text'),
      Type.Literal('date'),
      Type.Literal('boolean'),
    ]),
    /** Decimal places of a number (0–8) or money (0–4) result. */
    scale: Type.Optional(Type.Integer({ minimum: 0, maximum: 8 })),
    /** Currency of a money result (default CNY). */
    currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
  },
  { additionalProperties: false },
);

export type ComputedSettings = Static<typeof ComputedConfig>;
