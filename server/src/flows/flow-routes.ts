import { Type } from '@tessera/core';
import { type FlowInstance, flowAnalytics } from '@tessera/runtime/flow';
import { INSTANCE_TYPE, type InboxBox } from '@tessera/runtime/flow-store';
import type { Context } from 'hono';
import type { ApiEnv } from '../http/api-env.ts';
import { ApiError } from '../http/api-error.ts';
import { type ApiRoute, defineRoute } from '../http/define-route.ts';
import { ErrorSchema } from '../http/error-schema.ts';
import { guards } from '../http/guards.ts';
import { idempotencyKeyOf } from '../http/idempotency-key.ts';
import { localeOf } from '../http/locale.ts';
import { callerOf } from '../records/caller.ts';
import { publishedApps } from '../records/published-apps.ts';
import { pageOf, pageQueryFields, readAll } from '../storage/read-page.ts';
import { inboxCounts, inboxPage } from './flow-inbox.ts';
import { INSTANCES_BY_FLOW } from './flow-indexes.ts';
import {
  BOXES,
  CommandSchema,
  FlowItemSchema,
  REQUIRED_FIELDS,
  SimulateSchema,
  StartItemSchema,
} from './flow-schemas.ts';
import type { CommandInput, FlowService, FlowsContext } from './flow-service.ts';
import { simulateDraft } from './flow-simulation.ts';

const tags = ['flows'];
const DESIGNERS = guards.role('admin', 'designer', 'implementer');
const Loose = Type.Object({}, { additionalProperties: true });

/** Flow items: start one, act on it, read it; the inbox; simulation and analytics for designers. */
export function flowRoutes(context: FlowsContext, flows: FlowService): ApiRoute[] {
  const caller = (c: Context<ApiEnv>) => {
    const principal = c.get('principal');
    if (!principal) throw new TypeError('flow routes are guarded: a principal is present');
    return callerOf(context.storage, principal);
  };
  const param = (c: Context<ApiEnv>, name: string) => c.req.param(name) ?? '';
  const inbox = { ...context, published: publishedApps(context.storage) };
  return [
    defineRoute({
      method: 'post',
      path: '/apps/:app/flows/:flow/items',
      summary: { en: 'Start a flow item (发起)', 'zh-CN': '发起流程事项' },
      description: {
        en: 'Creates the record with the latest published version and submits it (or keeps it as a draft with submit: false). An Idempotency-Key makes a retry start nothing more.',
        'zh-CN':
          '以最新发布版本创建记录并提交（submit: false 则保存为待发）。带 Idempotency-Key 重试不会重复发起。',
      },
      tags,
      guard: guards.signedIn(),
      body: StartItemSchema,
      responses: { 201: FlowItemSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema },
      handler: async (c, { body }) => {
        const key = idempotencyKeyOf(c);
        const item = await flows.start(param(c, 'app'), param(c, 'flow'), body, await caller(c), {
          locale: localeOf(c),
          ...(key === undefined ? {} : { key }),
        });
        return c.json(item, 201);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/flow-items/:id',
      summary: {
        en: 'A flow item: form values, tasks, timeline, diagram',
        'zh-CN': '流程事项：表单数据、待办、流程日志、流程图',
      },
      tags,
      guard: guards.signedIn(),
      responses: { 200: FlowItemSchema, 404: ErrorSchema },
      handler: async (c) => c.json(await flows.view(param(c, 'id'), await caller(c))),
    }),
    defineRoute({
      method: 'post',
      path: '/flow-items/:id/commands',
      summary: { en: 'Act on a flow item', 'zh-CN': '处理流程事项' },
      description: {
        en: 'Approve, reject, return, transfer, add signers, withdraw, urge, comment, submit. Two people acting on one task at once: one wins, the other gets 409 task_closed. Send an Idempotency-Key to make a retry safe.',
        'zh-CN':
          '同意、驳回、回退、转办、加签、撤回、催办、评论、提交。两人同时处理同一待办：一人成功，另一人得到 409 task_closed。带 Idempotency-Key 可安全重试。',
      },
      tags,
      guard: guards.signedIn(),
      body: CommandSchema,
      responses: { 200: FlowItemSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema },
      handler: async (c, { body }) => {
        const type = body.type as keyof typeof REQUIRED_FIELDS;
        for (const field of REQUIRED_FIELDS[type] ?? []) {
          if ((body as Record<string, unknown>)[field] === undefined) {
            throw new ApiError(
              400,
              'invalid_body',
              {
                en: `${type} needs ${field}`,
                'zh-CN': `${type} 操作需要 ${field}`,
              },
              `/${field}`,
            );
          }
        }
        const key = idempotencyKeyOf(c);
        const item = await flows.act(param(c, 'id'), body as CommandInput, await caller(c), {
          locale: localeOf(c),
          ...(key === undefined ? {} : { key }),
        });
        return c.json(item);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/inbox',
      summary: {
        en: 'My inbox: todo, done, submitted, CC, drafts',
        'zh-CN': '我的事项：待办、已办、已发、知会、待发',
      },
      tags,
      guard: guards.signedIn(),
      query: Type.Object({
        box: Type.Union(
          BOXES.map((box) => Type.Literal(box)),
          { description: 'draft 待发, todo 待办, done 已办, submitted 已发, cc 知会' },
        ),
        q: Type.Optional(
          Type.String({ maxLength: 200, description: 'search titles, labels and initiators' }),
        ),
        ...pageQueryFields,
      }),
      responses: {
        200: Type.Object({ items: Type.Array(Loose), next: Type.Optional(Type.String()) }),
      },
      handler: async (c, { query }) =>
        c.json(
          await inboxPage(inbox, (await caller(c)).userId, query.box as InboxBox, {
            ...pageOf(query),
            ...(query.q ? { q: query.q } : {}),
          }),
        ),
    }),
    defineRoute({
      method: 'get',
      path: '/inbox/counts',
      summary: { en: 'How many items wait in my inbox', 'zh-CN': '我的待处理事项数' },
      tags,
      guard: guards.signedIn(),
      responses: {
        200: Type.Object({
          todo: Type.Integer(),
          overdue: Type.Integer(),
          draft: Type.Integer(),
          ccUnread: Type.Integer(),
        }),
      },
      handler: async (c) => c.json(await inboxCounts(context, (await caller(c)).userId)),
    }),
    defineRoute({
      method: 'post',
      path: '/apps/:app/flows/:flow/simulate',
      summary: { en: "Simulate a flow of the app's draft (仿真)", 'zh-CN': '仿真应用草稿中的流程' },
      description: {
        en: 'Runs the flow on sample values with nothing stored or sent: the path, the assignees per node, the write-backs it would make, each tried against its target record as the run would (one that would fail is a finding naming its node and field, and the result is not ok).',
        'zh-CN':
          '用示例数据运行流程，不保存也不发送：经过的路径、各节点处理人、将产生的回写；每个回写都像实际运行一样对目标记录试算（会失败的回写作为问题列出，指明节点和字段，结果为不通过）。',
      },
      tags,
      guard: DESIGNERS,
      body: SimulateSchema,
      responses: { 200: Loose, 400: ErrorSchema, 404: ErrorSchema },
      handler: async (c, { body }) => {
        const initiator = body.initiator ?? (await caller(c)).userId;
        return c.json(
          await simulateDraft(context, param(c, 'app'), param(c, 'flow'), { ...body, initiator }),
        );
      },
    }),
    defineRoute({
      method: 'get',
      path: '/apps/:app/flows/:flow/analytics',
      summary: {
        en: 'Flow analytics: counts, durations, overdue',
        'zh-CN': '流程分析：数量、耗时、超期',
      },
      tags,
      guard: DESIGNERS,
      responses: { 200: Loose },
      handler: async (c) => {
        const instances = await readAll<FlowInstance>(context.storage, {
          index: INSTANCES_BY_FLOW,
          selector: { type: INSTANCE_TYPE, app: param(c, 'app'), flow: param(c, 'flow') },
        });
        return c.json(flowAnalytics(instances));
      },
    }),
  ];
}
