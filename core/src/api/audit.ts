import { Type } from 'typebox';
import { ErrorSchema } from './common-schemas.ts';
import { route } from './route-contract.ts';

const AuditQuery = Type.Object(
  {
    subject: Type.String({ minLength: 1, maxLength: 200, description: 'The id of the document' }),
    cursor: Type.Optional(Type.String({ maxLength: 2000 })),
    limit: Type.Optional(Type.String({ pattern: '^(?:[1-9]\\d{0,2}|1000)$' })),
  },
  { additionalProperties: false },
);

/** One entry of the audit log: who did what to a document, with before and after. */
export const AuditLogEntrySchema = Type.Object({
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
export const auditApi = {
  list: route({
    method: 'get',
    path: '/audit',
    summary: { en: 'The change history of a document', 'zh-CN': '文档的变更历史' },
    tags: ['audit'],
    query: AuditQuery,
    responses: {
      200: Type.Object({
        entries: Type.Array(AuditLogEntrySchema),
        next: Type.Optional(Type.String()),
      }),
      400: ErrorSchema,
    },
  }),
};
