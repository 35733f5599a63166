import { Type } from '@tessera/core';

/** The JSON Schema of `ErrorBody` (see api-error.ts): `components.schemas.Error` in the document. */
export const ErrorSchema = Type.Object(
  {
    error: Type.Object(
      {
        code: Type.String({ description: 'stable machine-readable reason, e.g. invalid_body' }),
        message: Type.String({ description: "in the request's language (zh-CN or en)" }),
        field: Type.Optional(
          Type.String({
            description:
              'what is wrong: a JSON pointer into the body (/a/0/b) or ?name in the query',
          }),
        ),
        issues: Type.Optional(
          Type.Array(
            Type.Object({ path: Type.String(), code: Type.String(), message: Type.String() }),
            {
              description: 'every issue found, when there can be several',
            },
          ),
        ),
      },
      { description: 'more properties may follow, e.g. line and column of a JSON syntax error' },
    ),
  },
  { title: 'Error' },
);
