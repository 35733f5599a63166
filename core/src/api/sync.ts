import { type Static, Type } from 'typebox';
import { ErrorSchema } from './common-schemas.ts';
import { route } from './route-contract.ts';

const Id = Type.String({ minLength: 1, maxLength: 200 });
const Values = Type.Record(Type.String(), Type.Unknown());

/** At most this many commands per push; the browser sends its outbox in batches. */
export const MAX_PUSH = 200;
/** The most documents a browser may say it holds in one pull. */
export const MAX_KNOWN = 20000;

/**
 * A write made offline, queued in the browser's outbox and sent when back online. `id` is
 * made once, in the browser, and is the write's idempotency key: sending it again (after a
 * cut connection) applies nothing twice.
 */
export const OutboxCommandSchema = Type.Union([
  Type.Object(
    {
      id: Id,
      kind: Type.Literal('start'),
      app: Id,
      flow: Id,
      values: Values,
      submit: Type.Optional(Type.Boolean()),
      opinion: Type.Optional(Type.String({ maxLength: 2000 })),
      at: Type.Optional(Type.String({ maxLength: 40, description: 'when it was made offline' })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      id: Id,
      kind: Type.Literal('command'),
      item: Id,
      command: Type.Record(Type.String(), Type.Unknown()),
      at: Type.Optional(Type.String({ maxLength: 40 })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      id: Id,
      kind: Type.Literal('create'),
      app: Id,
      table: Id,
      values: Values,
      at: Type.Optional(Type.String({ maxLength: 40 })),
    },
    { additionalProperties: false },
  ),
]);

export type OutboxCommand = Static<typeof OutboxCommandSchema>;

/**
 * What became of one queued write: `applied` (now, or before by the same id), `conflict` (the
 * world moved on; the server's version beside the error), `rejected` (refused as it stands) or
 * `retry` (not tried: the server failed on an earlier one; send it again later).
 */
export const OutboxResultSchema = Type.Union(
  [
    Type.Object({
      id: Type.String(),
      status: Type.Literal('applied'),
      result: Type.Unknown({ description: "the server's answer" }),
    }),
    Type.Object({
      id: Type.String(),
      status: Type.Union([Type.Literal('conflict'), Type.Literal('rejected')]),
      error: ErrorSchema.properties.error,
      server: Type.Optional(Type.Unknown({ description: "the server's version" })),
    }),
    Type.Object({ id: Type.String(), status: Type.Literal('retry') }),
  ],
  { title: 'OutboxResult' },
);

export type OutboxResult = Static<typeof OutboxResultSchema>;

/**
 * One document of a person's offline copy: an inbox entry, a flow item as they may see it, or
 * an app definition. `rev` is a hash of the body: an unchanged document is never sent twice.
 */
export const SyncDocumentSchema = Type.Object(
  {
    id: Type.String({ description: '<kind>:<id>' }),
    kind: Type.Union([Type.Literal('inbox'), Type.Literal('item'), Type.Literal('app')]),
    rev: Type.String(),
    body: Type.Unknown(),
  },
  { title: 'SyncDocument' },
);

export type SyncDocument = Static<typeof SyncDocumentSchema>;

const tags = ['sync'];

/**
 * Offline sync for the end-user app (decision 0022). A browser pulls its person's working set
 * as a difference against what it holds, and pushes its outbox of writes made offline, each
 * applied as if made online now.
 */
export const syncApi = {
  pull: route({
    method: 'post',
    path: '/sync/pull',
    summary: { en: 'My offline copy: what changed', 'zh-CN': '我的离线副本：有何变化' },
    description: {
      en: 'Send the ids and revs you hold; get back the documents of your working set (inbox entries, the items in them as you may see them, app definitions) that are new or changed, and the ids to drop.',
      'zh-CN':
        '提交本机已有文档的 id 与 rev，返回您的工作集中新增或变化的文档（事项箱条目、您可见的事项、应用定义），以及应删除的 id。',
    },
    tags,
    body: Type.Object(
      { known: Type.Record(Type.String({ maxLength: 300 }), Type.String({ maxLength: 100 })) },
      { additionalProperties: false },
    ),
    responses: {
      200: Type.Object({
        docs: Type.Array(SyncDocumentSchema),
        removed: Type.Array(Type.String()),
        at: Type.String(),
      }),
    },
  }),
  push: route({
    method: 'post',
    path: '/sync/push',
    summary: { en: 'Send writes made offline', 'zh-CN': '提交离线时的更改' },
    description: {
      en: `Up to ${MAX_PUSH} queued writes (start an item, a flow command, a new record), applied in order as if made now, each once by its id. Each result is applied, conflict (with the server's version), rejected (with the error) or retry.`,
      'zh-CN': `最多 ${MAX_PUSH} 条排队的更改（发起事项、流程操作、新建记录），按顺序如同此刻提交一样处理，每条按其 id 只生效一次。每条结果为 applied、conflict（附服务器版本）、rejected（附错误）或 retry。`,
    },
    tags,
    body: Type.Object(
      { commands: Type.Array(OutboxCommandSchema, { maxItems: MAX_PUSH }) },
      { additionalProperties: false },
    ),
    responses: { 200: Type.Object({ results: Type.Array(OutboxResultSchema) }) },
  }),
};
