import type { StorageTrouble } from './storage-port.ts';

/**
 * What an operating-system or CouchDB failure says about the storage itself, read from its
 * code, status or message (LevelDB reports `IO error: …: No space left on device`):
 * `full` (ENOSPC, CouchDB 507 / insufficient_storage), `read-only` (EROFS, EACCES, EPERM on
 * the data directory), `unreachable` (CouchDB refused or dropped the connection). Anything
 * else is no storage trouble.
 */
export function storageTroubleOf(error: unknown): StorageTrouble | undefined {
  const seen = new Set<unknown>();
  for (let at: unknown = error; at && typeof at === 'object' && !seen.has(at); ) {
    seen.add(at);
    const fields = at as Record<string, unknown>;
    const code = typeof fields.code === 'string' ? fields.code : '';
    const text = [fields.message, fields.reason, fields.error]
      .filter((part) => typeof part === 'string')
      .join(' ');
    if (
      code === 'ENOSPC' ||
      code === 'EDQUOT' ||
      fields.status === 507 ||
      /no space left on device|insufficient_storage|disk quota exceeded/i.test(text)
    )
      return 'full';
    if (
      code === 'EROFS' ||
      code === 'EACCES' ||
      code === 'EPERM' ||
      /read-only file system|permission denied|operation not permitted/i.test(text)
    )
      return 'read-only';
    if (
      code === 'ECONNREFUSED' ||
      code === 'ECONNRESET' ||
      code === 'EHOSTUNREACH' ||
      code === 'UND_ERR_SOCKET' ||
      /ECONNREFUSED|ECONNRESET|socket hang up/.test(text)
    )
      return 'unreachable';
    at = fields.cause;
  }
  return undefined;
}
