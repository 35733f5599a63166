import { createHash } from 'node:crypto';

/** Kinds of what a browser keeps for offline use. */
export type SyncKind = 'inbox' | 'item' | 'app';

/**
 * One document of a person's offline copy: their inbox entry, a flow item as they may see it,
 * or an app definition. `rev` is a hash of the body, so an unchanged document is never sent
 * twice, whatever made it.
 */
export interface SyncDocument {
  readonly id: string;
  readonly kind: SyncKind;
  readonly rev: string;
  readonly body: unknown;
}

export function syncDocument(kind: SyncKind, id: string, body: unknown): SyncDocument {
  const rev = createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 22);
  return { id: `${kind}:${id}`, kind, rev, body };
}
