import { randomBytes } from 'node:crypto';
import { ConflictError, type StoragePort } from '@tessera/runtime';
import { checkVersion, DOCUMENT_VERSION } from '../storage/typed-document.ts';

/** The id of the one document holding what all servers of an installation share. */
export const INSTANCE_DOCUMENT_ID = 'instance';

interface InstanceFields {
  readonly schemaVersion: number;
  /** Keys the CSRF tokens of sessions; every server must use the same one. */
  readonly secret: string;
  readonly createdAt: string;
}

/**
 * The installation's secret key, made once: the first server to start creates the `instance`
 * document (a create of a fixed id succeeds once), every other server reads it. It lives in
 * shared storage, not in lowdb, so that several servers behind one load balancer accept each
 * other's CSRF tokens (decision 0015).
 */
export async function instanceSecret(storage: StoragePort): Promise<string> {
  const found = await storage.get<InstanceFields>(INSTANCE_DOCUMENT_ID);
  if (found) return secretOf(found);
  try {
    await storage.create<InstanceFields>({
      _id: INSTANCE_DOCUMENT_ID,
      type: 'instance',
      schemaVersion: DOCUMENT_VERSION,
      secret: randomBytes(32).toString('base64url'),
      createdAt: new Date().toISOString(),
    });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error; // another server made it first
  }
  const made = await storage.get<InstanceFields>(INSTANCE_DOCUMENT_ID);
  if (!made) throw new Error('the instance document vanished right after it was created');
  return secretOf(made);
}

function secretOf(doc: InstanceFields & { readonly _id: string }): string {
  checkVersion(doc);
  if (typeof doc.secret !== 'string' || doc.secret.length < 32) {
    throw new Error('the instance document holds no usable secret');
  }
  return doc.secret;
}
