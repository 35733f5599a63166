import { api } from '@tessera/core/api';
import type { StoragePort } from '@tessera/runtime';
import { auditOf } from '../audit/audit-entry.ts';
import { type ApiRoute, implement } from '../http/define-route.ts';
import { guards } from '../http/guards.ts';

/** `GET /audit?subject=…`: the append-only history of one document, newest first. */
export function auditRoutes(storage: StoragePort): ApiRoute[] {
  return [
    implement(api.audit.list, {
      guard: guards.role('admin'),
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
