import { FieldSchema, Id, type Static, Type } from '@tessera/core';

export const SubTableConfig = Type.Object(
  {
    /** The columns: fields of any scalar type (not sub-tables). */
    fields: Type.Array(FieldSchema, { minItems: 1, maxItems: 200 }),
    /** Summary figures shown under the rows (合计). */
    totals: Type.Optional(
      Type.Array(
        Type.Object(
          {
            field: Id,
            fn: Type.Union([
              Type.Literal('sum'),
              Type.Literal('count'),
              Type.Literal('avg'),
              Type.Literal('min'),
              Type.Literal('max'),
            ]),
          },
          { additionalProperties: false },
        ),
        { maxItems: 50 },
      ),
    ),
    minRows: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
    maxRows: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
  },
  { additionalProperties: false },
);

export type SubTableSettings = Static<typeof SubTableConfig>;

export const maxRowsOf = (config: SubTableSettings) => config.maxRows ?? 1000;

export type TotalFn = NonNullable<SubTableSettings['totals']>[number]['fn'];
