import { type Locale, localize } from '@tessera/core';
import type { ReceiptStatus } from '@tessera/core/api';
import { isOpen } from '@tessera/runtime/flow';
import type { FlowStore } from '@tessera/runtime/flow-store';
import type { PublishedApps } from '../records/published-apps.ts';
import type { ReceiptFields } from './receipt-document.ts';

/** The status of a receipt's flow item, or `received` for a form that starts no flow. */
export async function receiptStatus(
  store: FlowStore,
  published: PublishedApps,
  doc: ReceiptFields,
  locale: Locale,
): Promise<ReceiptStatus> {
  const base = { receipt: doc.receipt, submittedAt: doc.submittedAt };
  const instance = doc.item === undefined ? undefined : await store.get(doc.item);
  if (!instance || instance.status === 'draft') return { ...base, status: 'received' };
  if (instance.status !== 'running') {
    return {
      ...base,
      status: instance.status,
      ...(instance.endedAt === undefined ? {} : { endedAt: instance.endedAt }),
    };
  }
  const version = await published.version(instance.app, instance.version);
  const flow = version.definition.flows?.find((one) => one.id === instance.flow);
  const nodes = [...new Set(instance.tasks.filter(isOpen).map((task) => task.node))];
  const labels = nodes.map((id) => {
    const node = flow?.nodes.find((one) => one.id === id);
    return localize(node?.label, locale, id);
  });
  return {
    ...base,
    status: 'in_progress',
    ...(labels.length > 0 ? { node: labels.join(locale === 'zh-CN' ? '、' : ', ') } : {}),
  };
}
