import type { AppDefinition } from '@tessera/core';
import type { FlowCommand, FlowEffect, FlowInstance, PreparedFlow } from '@tessera/runtime/flow';
import type { RecordDocument } from '../records/record-document.ts';
import type { RecordsContext } from '../records/record-service.ts';
import { isoNow } from '../storage/store-context.ts';
import type { WebhookEventType } from '../webhooks/event-types.ts';
import { NOTICE_TYPE, type NoticeFields } from './notices.ts';

interface Announced {
  readonly app: AppDefinition;
  readonly flow: PreparedFlow;
  readonly instance: FlowInstance;
  readonly effects: readonly FlowEffect[];
  readonly record: RecordDocument;
  readonly service: {
    system(id: string, command: FlowCommand): Promise<void>;
  };
}

const COMPLETED = new Set(['approved', 'rejected', 'returned', 'transferred']);

/** Webhook events by effect: a registry, one entry per effect worth telling a receiver. */
const EVENTS: Partial<
  Record<
    FlowEffect['type'],
    (effect: never) => { type: WebhookEventType; task?: string; data: unknown } | undefined
  >
> = {
  'flow.submitted': () => ({ type: 'flow.submitted', data: {} }),
  'task.created': (effect: Extract<FlowEffect, { type: 'task.created' }>) =>
    effect.task.kind === 'approve'
      ? { type: 'task.created', task: effect.task.id, data: effect.task }
      : undefined,
  'task.closed': (effect: Extract<FlowEffect, { type: 'task.closed' }>) =>
    effect.task.kind === 'approve' && COMPLETED.has(effect.task.status)
      ? { type: 'task.completed', task: effect.task.id, data: effect.task }
      : undefined,
  'flow.ended': (effect: Extract<FlowEffect, { type: 'flow.ended' }>) => ({
    type: 'flow.ended',
    data: { outcome: effect.outcome },
  }),
};

/**
 * After a committed command: in-app notices (催办, reminders, overdue, CC, the end), webhook
 * events, and the parent's turn when a sub-flow ended. Ids and keys come from the instance,
 * so announcing the same command twice adds nothing.
 */
export async function announce(context: RecordsContext, what: Announced) {
  const { instance, effects, record } = what;
  const seq = instance.timeline.length;
  const at = isoNow(context);
  const notices = effects.flatMap((effect, index) =>
    effect.type === 'notice'
      ? effect.users.map((user): NoticeFields & { _id: string } => ({
          _id: `${NOTICE_TYPE}:${instance.id}:${seq}:${index}:${user}`,
          type: NOTICE_TYPE,
          user,
          reason: effect.reason,
          app: instance.app,
          flow: instance.flow,
          instance: instance.id,
          ...(effect.task ? { task: effect.task } : {}),
          createdAt: at,
        }))
      : [],
  );
  if (notices.length > 0) await context.storage.createMany(notices);
  if (context.events) {
    for (const [index, effect] of effects.entries()) {
      const event = EVENTS[effect.type]?.(effect as never);
      if (!event) continue;
      await context.events.publish({
        type: event.type,
        app: instance.app,
        table: record.table,
        subject: instance.id,
        key: `${instance.id}#${seq}:${index}:${event.type}`,
        at,
        actor: instance.timeline.at(-1)?.actor ?? 'system',
        data: {
          after: {
            item: instance.id,
            record: record._id,
            flow: instance.flow,
            status: instance.status,
            ...(event.task ? { task: event.data } : { detail: event.data }),
          },
        },
      });
    }
  }
  const ended = effects.find((effect) => effect.type === 'flow.ended');
  if (ended && instance.parent) {
    await what.service.system(instance.parent.instance, {
      type: 'subflowEnded',
      actor: 'system',
      token: instance.parent.token,
      child: instance.id,
      outcome: instance.outcome ?? 'cancelled',
      key: `subflow:${instance.id}`,
    });
  }
}
