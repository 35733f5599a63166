import { localize, type PublicFormDefinition } from '@tessera/core';
import type { RecordCaller } from '../records/caller.ts';

/** Ids of synthetic principals start so; user ids start `user:`, so the two never meet. */
export const PUBLIC_PRINCIPAL_PREFIX = 'public:';

/**
 * Who a public form's submissions are made by: no user, no roles, no department. Its id is
 * the records' `createdBy`, the audit entries' `actor` and the flow items' `initiator`, so every
 * trace names the form the record came in through. With no department and no app role, only
 * app roles whose row rule for the table is `all` see these records.
 */
export function publicCaller(app: string, publicForm: PublicFormDefinition): RecordCaller {
  return {
    userId: `${PUBLIC_PRINCIPAL_PREFIX}${app}:${publicForm.id}`,
    roles: [],
    name: localize(publicForm.label, 'zh-CN', publicForm.id),
  };
}
