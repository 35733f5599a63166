import Type, { type Static } from 'typebox';
import { Expression, Id, LocalizedTextSchema, SchemaVersion } from './common.ts';

/** A field reference in a form: a field id, or `subTable.column` for a sub-table column. */
export const FieldPath = Type.String({
  pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}(\\.[A-Za-z][A-Za-z0-9_]{0,63})?$',
});

export const FieldRight = Type.Union([
  Type.Literal('edit'),
  Type.Literal('read'),
  Type.Literal('hidden'),
]);

const SectionItem = Type.Union([
  Type.Object(
    { field: Id, span: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })) },
    { additionalProperties: false },
  ),
  Type.Object(
    { text: LocalizedTextSchema, span: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })) },
    { additionalProperties: false },
  ),
]);

/**
 * A section of a form's layout. Sections sharing a `tab` label are shown as one tab;
 * the form runtime creates a section's fields only when it is shown (big forms stay fast).
 */
export const SectionSchema = Type.Object(
  {
    id: Id,
    label: Type.Optional(LocalizedTextSchema),
    tab: Type.Optional(LocalizedTextSchema),
    columns: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
    collapsed: Type.Optional(Type.Boolean()),
    items: Type.Array(SectionItem, { maxItems: 2000 }),
  },
  { additionalProperties: false },
);

/**
 * A linkage rule (联动): CEL expressions over the record deciding a field's state.
 * Each property is optional; an absent one leaves the field as its rights say.
 */
export const LinkageRuleSchema = Type.Object(
  {
    id: Id,
    field: FieldPath,
    visible: Type.Optional(Expression),
    required: Type.Optional(Expression),
    readOnly: Type.Optional(Expression),
    value: Type.Optional(Expression),
  },
  { additionalProperties: false },
);

/** Per flow node, each field is editable, read-only or hidden (节点权限). */
export const NodeRightsSchema = Type.Object(
  {
    default: Type.Optional(FieldRight),
    fields: Type.Optional(Type.Record(FieldPath, FieldRight, { additionalProperties: false })),
  },
  { additionalProperties: false },
);

export const FormSchema = Type.Object(
  {
    schemaVersion: Type.Optional(SchemaVersion),
    id: Id,
    label: LocalizedTextSchema,
    table: Id,
    sections: Type.Array(SectionSchema, { minItems: 1, maxItems: 200 }),
    rights: Type.Optional(Type.Record(Id, NodeRightsSchema, { additionalProperties: false })),
    rules: Type.Optional(Type.Array(LinkageRuleSchema, { maxItems: 1000 })),
  },
  { additionalProperties: false },
);

export type FormDefinition = Static<typeof FormSchema>;
export type FormSection = Static<typeof SectionSchema>;
export type LinkageRule = Static<typeof LinkageRuleSchema>;
export type FieldRightValue = Static<typeof FieldRight>;
