/**
 * Where failed sign-ins are counted. In memory per process here; with several servers a shared
 * implementation (a CouchDB document per key, or Redis) makes the limits hold across them.
 */
export interface AttemptStore {
  /** Failure times (ms) under `key` at or after `since`, oldest first. */
  recent(key: string, since: number): Promise<readonly number[]>;
  /** Records a failure at `at`; failures before `since` may be forgotten. */
  add(key: string, at: number, since: number): Promise<void>;
  clear(key: string): Promise<void>;
}

/** A per-process store holding at most `maxKeys` keys (the least recently failed go first). */
export function memoryAttemptStore(maxKeys = 100_000): AttemptStore {
  const failures = new Map<string, number[]>();
  return {
    async recent(key, since) {
      const kept = (failures.get(key) ?? []).filter((at) => at >= since);
      if (kept.length === 0) failures.delete(key);
      else failures.set(key, kept);
      return kept;
    },
    async add(key, at, since) {
      const kept = (failures.get(key) ?? []).filter((one) => one >= since);
      kept.push(at);
      failures.delete(key); // re-insert: Map order is then least recently failed first
      failures.set(key, kept);
      while (failures.size > maxKeys) failures.delete(failures.keys().next().value!);
    },
    async clear(key) {
      failures.delete(key);
    },
  };
}
