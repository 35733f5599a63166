import type { StoragePort, Stored } from '@tessera/runtime';
import { createOrMutate } from '../storage/create-or-mutate.ts';
import { readAll } from '../storage/read-page.ts';
import { INDEX } from '../storage/storage-indexes.ts';
import { DELIVERY_TYPE } from './delivery-document.ts';
import { WEBHOOK_TYPE, type WebhookFields } from './webhook-document.ts';

export const REGISTRY_ID = 'webhooks:registry';
const REGISTRY_TYPE = 'webhookregistry';

/** The ids of every subscription there is, active or not, in one document read by id. */
interface RegistryFields {
  readonly type: typeof REGISTRY_TYPE;
  readonly schemaVersion: 1;
  readonly webhooks: readonly string[];
}

/**
 * Whether any subscription may exist: false only when the registry says there is none. Every
 * Mango query first brings its index up to date with each document written since the last one,
 * so an installation without webhooks (most of them) would pay, on every record write, for
 * queries that can find nothing; one read by id answers instead. Without a registry (data of an
 * older build, or a test storage never started by `main.ts`) the answer is "maybe".
 */
export async function mayHaveWebhooks(storage: StoragePort): Promise<boolean> {
  const registry = await storage.get<RegistryFields>(REGISTRY_ID);
  return registry === undefined || registry.webhooks.length > 0;
}

/** Every subscription id, read through the index (for building the registry). */
async function allWebhookIds(storage: StoragePort): Promise<string[]> {
  const docs = await readAll<WebhookFields>(storage, {
    index: INDEX.byTypeCreated,
    selector: { type: WEBHOOK_TYPE },
  });
  return docs.map((doc) => doc._id);
}

/** Changes the id list by compare-and-swap, making the registry from the index when missing. */
async function changeRegistry(
  storage: StoragePort,
  change: (ids: readonly string[]) => readonly string[],
): Promise<void> {
  await createOrMutate<RegistryFields>(
    storage,
    REGISTRY_ID,
    async () => ({
      type: REGISTRY_TYPE,
      schemaVersion: 1,
      webhooks: [...new Set(change(await allWebhookIds(storage)))],
    }),
    (doc): Stored<RegistryFields> => ({ ...doc, webhooks: [...new Set(change(doc.webhooks))] }),
    30,
  );
}

export const registerWebhook = (storage: StoragePort, id: string) =>
  changeRegistry(storage, (ids) => [...ids, id]);

const unregister = (storage: StoragePort, gone: ReadonlySet<string>) =>
  changeRegistry(storage, (ids) => ids.filter((one) => !gone.has(one)));

/**
 * Drops deleted subscriptions from the registry once none of their deliveries is pending, so
 * the dispatcher still fails those as `webhook_missing` before it stops looking (a subscription
 * is deleted first and unregistered here, by whichever server's dispatcher gets to it).
 */
export async function pruneRegistry(storage: StoragePort): Promise<void> {
  const registry = await storage.get<RegistryFields>(REGISTRY_ID);
  if (!registry) return;
  const gone = new Set<string>();
  for (const id of registry.webhooks) {
    if ((await storage.get(id)) !== undefined) continue;
    const owed = await storage.find({
      index: INDEX.deliveriesByWebhook,
      selector: { type: DELIVERY_TYPE, webhook: id, status: 'pending' },
      limit: 1,
    });
    if (owed.docs.length === 0) gone.add(id);
  }
  if (gone.size > 0) await unregister(storage, gone);
}

/** At start: the registry exists (an empty one on a fresh installation). */
export async function ensureWebhookRegistry(storage: StoragePort): Promise<void> {
  if ((await storage.get(REGISTRY_ID)) === undefined) await changeRegistry(storage, (ids) => ids);
}
