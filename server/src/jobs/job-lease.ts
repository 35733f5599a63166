import { ConflictError } from '@tessera/runtime';
import type { StoreContext } from '../storage/store-context.ts';
import { DOCUMENT_VERSION } from '../storage/typed-document.ts';

interface LeaseFields {
  readonly schemaVersion: number;
  readonly holder: string | null;
  readonly until: number;
}

/**
 * Takes the lease document `id` for `holder` until `ms` from now, with compare-and-swap: true
 * when it is free, expired or already this holder's (then it is extended); false when another
 * holder has it. A background job that several servers run takes turns this way; a crashed
 * holder's lease ends by itself.
 */
export async function takeLease(
  context: StoreContext,
  id: string,
  holder: string,
  ms: number,
): Promise<boolean> {
  const until = context.now() + ms;
  try {
    await context.storage.create<LeaseFields>({
      _id: id,
      type: 'lease',
      schemaVersion: DOCUMENT_VERSION,
      holder,
      until,
    });
    return true;
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
  }
  try {
    const taken = await context.storage.mutate<LeaseFields>(
      id,
      (current) =>
        current.holder === null || current.holder === holder || current.until <= context.now()
          ? { ...current, holder, until }
          : undefined,
      { retries: 0 },
    );
    return taken !== undefined;
  } catch (error) {
    if (error instanceof ConflictError) return false;
    throw error;
  }
}
