import { ConflictError, type NewDocument, type StoragePort, type Stored } from '@tessera/runtime';

/**
 * Writes a shared document that may not exist yet: creates it from `initial()` when missing
 * (`initial` returning undefined writes nothing), else — or when another writer created it
 * first — applies `change` by compare-and-swap, re-reading up to `retries` times. Counters,
 * registries and sign-in failure lists are kept this way; nothing is overwritten blindly.
 */
export async function createOrMutate<T extends object>(
  storage: StoragePort,
  id: string,
  initial: () => Promise<NewDocument<T> | undefined> | NewDocument<T> | undefined,
  change: (current: Stored<T>) => Stored<T>,
  retries: number,
): Promise<'created' | 'changed' | 'nothing'> {
  if ((await storage.get<T>(id)) === undefined) {
    const doc = await initial();
    if (doc === undefined) return 'nothing';
    try {
      await storage.create<T>({ ...doc, _id: id });
      return 'created';
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error; // made meanwhile: change that one
    }
  }
  await storage.mutate<T>(id, change, { retries });
  return 'changed';
}
