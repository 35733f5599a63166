import type { StoragePort, Stored } from '@tessera/runtime';
import { createOrMutate } from '../storage/create-or-mutate.ts';
import type { AttemptStore } from './attempt-store.ts';
import { tokenDigest } from './secret-token.ts';

export const ATTEMPTS_TYPE = 'loginattempts';

/** Failed sign-ins under one key (username + address, or address), in the shared storage. */
interface AttemptsFields {
  readonly type: typeof ATTEMPTS_TYPE;
  readonly schemaVersion: 1;
  /** Failure times (ms), oldest first; only those inside the window are kept. */
  readonly failures: readonly number[];
}

/** Racing failures on one key (a password-guessing burst) re-read and retry this often. */
const RETRIES = 30;
/** A key never holds more failures than any limit needs. */
const MAX_KEPT = 200;

/** `loginattempts:<digest of the key>`: the key holds a username and an address, not stored. */
const attemptsId = (key: string) => `${ATTEMPTS_TYPE}:${tokenDigest(key)}`;

/**
 * Sign-in failures counted in the shared storage, one document per key updated with
 * compare-and-swap, so the limits hold however many servers share it: five wrong passwords
 * spread over two servers are five.
 */
export function storageAttemptStore(storage: StoragePort): AttemptStore {
  const write = async (key: string, change: (kept: readonly number[]) => readonly number[]) => {
    const failures = change([]);
    await createOrMutate<AttemptsFields>(
      storage,
      attemptsId(key),
      () =>
        failures.length === 0 ? undefined : { type: ATTEMPTS_TYPE, schemaVersion: 1, failures },
      (doc): Stored<AttemptsFields> => ({ ...doc, failures: change(doc.failures) }),
      RETRIES,
    );
  };
  return {
    async recent(key, since) {
      const doc = await storage.get<AttemptsFields>(attemptsId(key));
      return (doc?.failures ?? []).filter((at) => at >= since);
    },
    add: (key, at, since) =>
      write(key, (kept) =>
        [...kept.filter((one) => one >= since), at].sort((x, y) => x - y).slice(-MAX_KEPT),
      ),
    clear: (key) => write(key, () => []),
  };
}
