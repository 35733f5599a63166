import { Type } from '@tessera/core';
import type { Context } from 'hono';
import type { AppStore } from '../apps/app-store.ts';
import type { FlowService, FlowsContext } from '../flows/flow-service.ts';
import type { ApiEnv } from '../http/api-env.ts';
import { ApiError } from '../http/api-error.ts';
import { type ApiRoute, defineRoute } from '../http/define-route.ts';
import { guards } from '../http/guards.ts';
import { localeOf } from '../http/locale.ts';
import { callerOf } from '../records/caller.ts';
import { publishedApps } from '../records/published-apps.ts';
import { workspaceApps } from '../workspace/workspace-apps.ts';
import { applyOutbox } from './apply-outbox.ts';
import { MAX_PUSH, type OutboxCommand, OutboxCommandSchema } from './outbox-command.ts';
import { workingSet } from './working-set.ts';

const tags = ['sync'];
const Loose = Type.Object({}, { additionalProperties: true });
/** The most documents a browser may say it holds in one pull. */
const MAX_KNOWN = 20000;

/**
 * Offline sync for the end-user app (decision 0022). A browser pulls its person's working set
 * as a difference against what it holds, and pushes its outbox of writes made offline, each
 * applied as if made online now. Nothing else of the database is reachable this way, and
 * nothing is written but through the record and flow services.
 */
export function syncRoutes(
  context: FlowsContext,
  services: { readonly flows: FlowService },
  apps: AppStore,
): ApiRoute[] {
  const published = publishedApps(context.storage);
  const caller = (c: Context<ApiEnv>) => {
    const principal = c.get('principal');
    if (!principal) throw new TypeError('sync routes are guarded: a principal is present');
    return callerOf(context.storage, principal);
  };
  return [
    defineRoute({
      method: 'post',
      path: '/sync/pull',
      summary: { en: 'My offline copy: what changed', 'zh-CN': '我的离线副本：有何变化' },
      description: {
        en: 'Send the ids and revs you hold; get back the documents of your working set (inbox entries, the items in them as you may see them, app definitions) that are new or changed, and the ids to drop.',
        'zh-CN':
          '提交本机已有文档的 id 与 rev，返回您的工作集中新增或变化的文档（事项箱条目、您可见的事项、应用定义），以及应删除的 id。',
      },
      tags,
      guard: guards.signedIn(),
      body: Type.Object(
        { known: Type.Record(Type.String({ maxLength: 300 }), Type.String({ maxLength: 100 })) },
        { additionalProperties: false },
      ),
      responses: {
        200: Type.Object({
          docs: Type.Array(Loose),
          removed: Type.Array(Type.String()),
          at: Type.String(),
        }),
      },
      handler: async (c, { body }) => {
        const known = Object.entries(body.known);
        if (known.length > MAX_KNOWN) {
          throw new ApiError(
            400,
            'too_many_known',
            {
              en: `known may list at most ${MAX_KNOWN} documents`,
              'zh-CN': `known 最多列出 ${MAX_KNOWN} 个文档`,
            },
            '/known',
          );
        }
        const who = await caller(c);
        const latest = await workspaceApps(apps, published);
        const docs = await workingSet({ ...context, published }, services.flows, who, latest);
        const held = new Map(known);
        const ids = new Set(docs.map((doc) => doc.id));
        return c.json({
          docs: docs.filter((doc) => held.get(doc.id) !== doc.rev),
          removed: known.map(([id]) => id).filter((id) => !ids.has(id)),
          at: new Date(context.now()).toISOString(),
        });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/sync/push',
      summary: { en: 'Send writes made offline', 'zh-CN': '提交离线时的更改' },
      description: {
        en: `Up to ${MAX_PUSH} queued writes (start an item, a flow command, a new record), applied in order as if made now, each once by its id. Each result is applied, conflict (with the server's version), rejected (with the error) or retry.`,
        'zh-CN': `最多 ${MAX_PUSH} 条排队的更改（发起事项、流程操作、新建记录），按顺序如同此刻提交一样处理，每条按其 id 只生效一次。每条结果为 applied、conflict（附服务器版本）、rejected（附错误）或 retry。`,
      },
      tags,
      guard: guards.signedIn(),
      body: Type.Object(
        { commands: Type.Array(OutboxCommandSchema, { maxItems: MAX_PUSH }) },
        { additionalProperties: false },
      ),
      responses: { 200: Type.Object({ results: Type.Array(Loose) }) },
      handler: async (c, { body }) => {
        const results = await applyOutbox(
          { flows: services.flows, records: context.records },
          await caller(c),
          body.commands as OutboxCommand[],
          localeOf(c),
        );
        return c.json({ results });
      },
    }),
  ];
}
