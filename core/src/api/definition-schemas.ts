import { Type } from 'typebox';

/** Any JSON object: the route itself checks the content and reports issues as data. */
export const DefinitionBodySchema = (what: string) =>
  Type.Object({}, { description: `${what}; its content is checked by the route, not here` });

/** The outcome of validating an app or a pack: data, so it answers 200 whether ok or not. */
export const ValidationOutcomeSchema = Type.Object({
  ok: Type.Boolean(),
  issues: Type.Array(
    Type.Object({
      path: Type.String({ description: 'JSON pointer into the document' }),
      code: Type.String(),
      message: Type.String(),
    }),
  ),
});
