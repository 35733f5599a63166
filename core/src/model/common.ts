import Type, { type Static } from 'typebox';

/** Ids of tables, fields, nodes …: stable keys used in expressions, so identifier-shaped. */
export const Id = Type.String({
  pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$',
  description: 'Starts with a letter; letters, digits and _ only; at most 64 characters',
});

/** Names of packs and plugins: npm-style, lower case with dashes. */
export const PackageName = Type.String({
  pattern: '^(@[a-z0-9][a-z0-9-]*/)?[a-z0-9][a-z0-9._-]{0,127}$',
});

/** A semantic version such as 1.2.0. */
export const SemverVersion = Type.String({
  pattern: '^\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$',
});

export const LocalizedTextSchema = Type.Union([
  Type.String({ minLength: 1, maxLength: 500 }),
  Type.Object(
    {
      'zh-CN': Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
      en: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    },
    { additionalProperties: false, minProperties: 1 },
  ),
]);

/** A CEL expression (decision 2). Checked against its environment by validateApp. */
export const Expression = Type.String({ minLength: 1, maxLength: 4000 });

/** An ISO-8601 duration of days, hours and minutes, e.g. P2D, PT4H, P1DT12H. */
export const IsoDuration = Type.String({ pattern: '^P(?!$)(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?)?$' });

export const SchemaVersion = Type.Integer({ minimum: 1 });

export type IdString = Static<typeof Id>;
