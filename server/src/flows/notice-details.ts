import type { StoragePort } from '@tessera/runtime';
import type { FlowInstance } from '@tessera/runtime/flow';
import { instanceDocId } from '@tessera/runtime/flow-store';
import type { PublishedApps } from '../records/published-apps.ts';
import { withInboxDetails } from './inbox-details.ts';

interface NoticeLike {
  readonly id: string;
  readonly app: string;
  readonly flow: string;
  readonly instance: string;
}

/**
 * Notices with what tells them apart in a list: the item's title, the app and flow labels and
 * the initiator's name, read through the same join as the inbox (one instance read per item).
 */
export async function withNoticeDetails<T extends NoticeLike>(
  storage: StoragePort,
  published: PublishedApps,
  notices: readonly T[],
) {
  const instances = new Map<string, FlowInstance | undefined>();
  for (const notice of notices) {
    if (!instances.has(notice.instance)) {
      instances.set(
        notice.instance,
        await storage.get<FlowInstance>(instanceDocId(notice.instance)),
      );
    }
  }
  const known = notices.filter((notice) => instances.get(notice.instance));
  const detailed = await withInboxDetails(
    storage,
    published,
    known.map((notice) => {
      const instance = instances.get(notice.instance)!;
      return {
        user: '',
        box: 'cc' as const,
        app: notice.app,
        version: instance.version,
        flow: notice.flow,
        instance: notice.instance,
        record: instance.record,
        initiator: instance.initiator,
        status: instance.status,
        createdAt: instance.createdAt,
      };
    }),
  );
  const byInstance = new Map(detailed.map((entry) => [entry.instance, entry]));
  return notices.map((notice) => {
    const entry = byInstance.get(notice.instance);
    if (!entry) return notice;
    const { title, appLabel, flowLabel, initiatorName } = entry;
    return {
      ...notice,
      title,
      ...(appLabel ? { appLabel } : {}),
      ...(flowLabel ? { flowLabel } : {}),
      ...(initiatorName ? { initiatorName } : {}),
    };
  });
}
