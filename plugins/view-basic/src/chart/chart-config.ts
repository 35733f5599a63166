import { FieldPath, Id, type Static, Type } from '@tessera/core';

export const ChartConfig = Type.Object(
  {
    kind: Type.Union([
      Type.Literal('bar'),
      Type.Literal('column'),
      Type.Literal('line'),
      Type.Literal('area'),
      Type.Literal('pie'),
    ]),
    /** The category axis: a field of the table, usually the view's `groupBy`. */
    x: FieldPath,
    /** One series per aggregate of the view (by its id). */
    series: Type.Array(Type.Object({ aggregate: Id }, { additionalProperties: false }), {
      minItems: 1,
      maxItems: 20,
    }),
    /** Stacks the series (bar, column, area). */
    stacked: Type.Optional(Type.Boolean({ default: false })),
  },
  { additionalProperties: false },
);

export type ChartConfigValue = Static<typeof ChartConfig>;
