import { Type } from '@tessera/core';
import type { StoragePort } from '@tessera/runtime';
import { auditOf } from '../audit/audit-entry.ts';
import { type ApiRoute, defineRoute } from '../http/define-route.ts';
import { ErrorSchema } from '../http/error-schema.ts';
import { guards } from '../http/guards.ts';

const AuditQuery = Type.Object(
  {
    subject: Type.String({ minLength: 1, maxLength: 200, description: 'The id of the document' }),
    cursor: Type.Optional(Type.String({ maxLength: 2000 })),
    limit: Type.Optional(Type.String({ pattern: '^(?:[1-9]\\d{0,2}|1000)$' })),
  },
  { additionalProperties: false },
);

const AuditEntrySchema = Type.Object({
  id: Type.String(),
  at: Type.String(),
  actor: Type.String(),
  action: Type.String(),
  subject: Type.String(),
  subjectType: Type.String(),
  before: Type.Optional(Type.Unknown()),
  after: Type.Optional(Type.Unknown()),
  recovered: Type.Optional(
    Type.Literal(true, {
      description: 'logged after a crash at the next start: no before, at and actor as stored',
    }),
  ),
});

/** `GET /audit?subject=…`: the append-only history of one document, newest first. */
export function auditRoutes(storage: StoragePort): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/audit',
      summary: { en: 'The change history of a document', 'zh-CN': '文档的变更历史' },
      tags: ['audit'],
      guard: guards.role('admin'),
      query: AuditQuery,
      responses: {
        200: Type.Object({
          entries: Type.Array(AuditEntrySchema),
          next: Type.Optional(Type.String()),
        }),
        400: ErrorSchema,
      },
      handler: async (c, { query }) => {
        const page = await auditOf(storage, query.subject, {
          ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
          ...(query.limit === undefined ? {} : { limit: Number(query.limit) }),
        });
        const entries = page.docs.map(
          ({ _id, at, actor, action, subject, subjectType, before, after, recovered }) => ({
            id: _id,
            at,
            actor,
            action,
            subject,
            subjectType,
            ...(before === undefined ? {} : { before }),
            ...(after === undefined ? {} : { after }),
            ...(recovered === true ? { recovered } : {}),
          }),
        );
        return c.json({ entries, ...(page.next ? { next: page.next } : {}) });
      },
    }),
  ];
}
