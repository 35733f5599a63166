import { Type } from '@tessera/core';

const fieldParts = {
  field: Type.String({ description: 'field id, or sub-table.column' }),
  label: Type.String({ description: "the field's label in the request's language" }),
  type: Type.String({ description: 'the field type, e.g. money, date, link' }),
  celType: Type.String({ description: 'how values compute: decimal, int, double, timestamp …' }),
};
const Field = Type.Object(fieldParts);

export const ViewColumnSchema = Type.Object({
  ...fieldParts,
  width: Type.Optional(Type.Integer()),
  link: Type.Optional(
    Type.Object({ table: Type.String() }, { description: 'a link column: the linked table' }),
  ),
});

export const ViewDescriptionSchema = Type.Object(
  {
    id: Type.String(),
    label: Type.String({ description: "in the request's language" }),
    table: Type.String(),
    type: Type.String({ description: 'list or chart (view types of installed plugins)' }),
    columns: Type.Array(ViewColumnSchema),
    sorts: Type.Array(Type.Object({ field: Type.String(), direction: Type.String() })),
    groupBy: Type.Array(Field),
    aggregates: Type.Array(
      Type.Object({
        id: Type.String(),
        fn: Type.String({ description: 'count, sum, avg, min or max' }),
        field: Type.Optional(Type.String()),
        label: Type.String(),
      }),
    ),
    config: Type.Record(Type.String(), Type.Unknown()),
  },
  { title: 'ViewDescription' },
);

export const ViewRowSchema = Type.Object(
  {
    id: Type.String({ description: 'record:<ulid>' }),
    _rev: Type.String(),
    values: Type.Record(Type.String(), Type.Unknown(), {
      description: "the values of the view's columns, by column field",
    }),
    links: Type.Optional(
      Type.Record(
        Type.String(),
        Type.Array(
          Type.Object({
            id: Type.String(),
            table: Type.String(),
            display: Type.Optional(
              Type.String({ description: 'its name, when it is in your row scope' }),
            ),
          }),
        ),
        { description: 'for link columns: the records to open' },
      ),
    ),
    createdAt: Type.String({ format: 'date-time' }),
    createdBy: Type.String(),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { title: 'ViewRow' },
);

export const ViewRowsSchema = Type.Object(
  {
    items: Type.Array(ViewRowSchema),
    next: Type.Optional(Type.String({ description: 'cursor of the next page; absent at the end' })),
    total: Type.Integer({ description: 'rows of the view with these filters, in your row scope' }),
  },
  { title: 'ViewRows' },
);

const Aggregates = Type.Record(Type.String(), Type.Unknown(), {
  description: 'by aggregate id: counts as numbers, sums and averages of money as decimal text',
});

export const ViewSummarySchema = Type.Object(
  {
    groups: Type.Array(
      Type.Object({
        key: Type.Record(Type.String(), Type.Unknown(), {
          description: 'the value of each groupBy field (null when empty)',
        }),
        label: Type.String(),
        count: Type.Integer(),
        aggregates: Aggregates,
      }),
    ),
    totals: Aggregates,
    count: Type.Integer(),
  },
  { title: 'ViewSummary' },
);
