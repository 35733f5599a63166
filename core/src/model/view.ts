import Type, { type Static } from 'typebox';
import { Expression, Id, LocalizedTextSchema, SchemaVersion } from './common.ts';
import { FieldPath } from './form.ts';

export const FilterOperator = Type.Union([
  Type.Literal('eq'),
  Type.Literal('ne'),
  Type.Literal('gt'),
  Type.Literal('gte'),
  Type.Literal('lt'),
  Type.Literal('lte'),
  Type.Literal('in'),
  Type.Literal('contains'),
  Type.Literal('empty'),
  Type.Literal('notEmpty'),
  Type.Literal('between'),
]);

/**
 * A filter condition. Structured (field, operator, value) so the server can answer it from
 * an index; `value` may instead be computed by a CEL expression (`valueExpr`, e.g. `today()`).
 */
export const FilterSchema = Type.Object(
  {
    field: FieldPath,
    op: FilterOperator,
    value: Type.Optional(Type.Unknown()),
    valueExpr: Type.Optional(Expression),
  },
  { additionalProperties: false },
);

export const AggregateSchema = Type.Object(
  {
    id: Id,
    fn: Type.Union([
      Type.Literal('count'),
      Type.Literal('sum'),
      Type.Literal('avg'),
      Type.Literal('min'),
      Type.Literal('max'),
    ]),
    field: Type.Optional(FieldPath),
    label: Type.Optional(LocalizedTextSchema),
  },
  { additionalProperties: false },
);

/** A view (查询统计): a list or statistic over one table, shown by a view type from a plugin. */
export const ViewSchema = Type.Object(
  {
    schemaVersion: Type.Optional(SchemaVersion),
    id: Id,
    label: LocalizedTextSchema,
    table: Id,
    type: Type.String({ minLength: 1, maxLength: 64 }),
    columns: Type.Optional(
      Type.Array(
        Type.Object(
          { field: FieldPath, width: Type.Optional(Type.Integer({ minimum: 40, maximum: 2000 })) },
          { additionalProperties: false },
        ),
        { maxItems: 200 },
      ),
    ),
    filters: Type.Optional(Type.Array(FilterSchema, { maxItems: 50 })),
    sorts: Type.Optional(
      Type.Array(
        Type.Object(
          { field: FieldPath, direction: Type.Union([Type.Literal('asc'), Type.Literal('desc')]) },
          { additionalProperties: false },
        ),
        { maxItems: 10 },
      ),
    ),
    groupBy: Type.Optional(Type.Array(FieldPath, { maxItems: 3 })),
    aggregates: Type.Optional(Type.Array(AggregateSchema, { maxItems: 20 })),
    config: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    configVersion: Type.Optional(SchemaVersion),
  },
  { additionalProperties: false },
);

export type ViewDefinition = Static<typeof ViewSchema>;
export type ViewFilter = Static<typeof FilterSchema>;
