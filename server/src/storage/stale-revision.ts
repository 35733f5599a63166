import { ApiError } from '../http/api-error.ts';

/** What the stale document is, in both languages: `department`/`部门`. */
export interface RevisionLabel {
  readonly en: string;
  readonly zh: string;
}

/** The document changed since the client read it (409 `conflict` naming `/_rev`). */
export const staleRevision = (label: RevisionLabel, id: string) =>
  new ApiError(
    409,
    'conflict',
    {
      en: `${label.en} "${id.slice(0, 80)}" was changed by someone else since you read it; read it again and retry`,
      'zh-CN': `${label.zh}“${id.slice(0, 80)}”在您读取后已被他人修改，请重新读取后重试`,
    },
    '/_rev',
  );

/**
 * Throws {@link staleRevision} unless `current` still has the revision the client read. Call it
 * inside a storage `mutate` change: a write that lost a race is re-read and checked again, so
 * two servers never both accept a change made from the same revision.
 */
export function assertRevision(
  current: { readonly _id: string; readonly _rev: string },
  read: string,
  label: RevisionLabel,
): void {
  if (current._rev !== read) throw staleRevision(label, current._id);
}
