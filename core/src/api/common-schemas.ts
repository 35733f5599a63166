import { type TSchema, Type } from 'typebox';

/** Rows a list route gives at most per page (the storage's page size too). */
export const MAX_PAGE_SIZE = 1000;

/** The query parameters of every list route: `?cursor=…&limit=…`. */
export const pageQueryFields = {
  cursor: Type.Optional(
    Type.String({ maxLength: 4000, description: 'the `next` of the previous page' }),
  ),
  limit: Type.Optional(
    Type.String({ pattern: '^[1-9][0-9]{0,3}$', description: `rows per page, 1–${MAX_PAGE_SIZE}` }),
  ),
};

/** A page of a list: `{ items, next? }`; pass `next` back as `?cursor=` for the next page. */
export const pageSchema = <T extends TSchema>(item: T, title: string) =>
  Type.Object(
    {
      items: Type.Array(item),
      next: Type.Optional(
        Type.String({ description: 'cursor of the next page; absent at the end' }),
      ),
    },
    { title },
  );

/** Every refusal's body (`components.schemas.Error` in the document). */
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
