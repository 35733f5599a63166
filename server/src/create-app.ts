import type { Platform } from '@tessera/core';
import type { StoragePort } from '@tessera/runtime';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { accountRoutes, accountsContext } from './accounts/account-routes.ts';
import { authMiddleware, csrfMiddleware } from './accounts/auth-middleware.ts';
import { createAppStore } from './apps/app-store.ts';
import type { LoginRateLimiter } from './auth/login-rate-limiter.ts';
import { fileRoutes, isUpload } from './files/file-routes.ts';
import { DEFAULT_MAX_UPLOAD_BYTES } from './files/upload-file.ts';
import { flowRoutes } from './flows/flow-routes.ts';
import { createFlowService, type FlowService } from './flows/flow-service.ts';
import { noticeRoutes } from './flows/notice-routes.ts';
import type { ApiEnv } from './http/api-env.ts';
import { ApiError } from './http/api-error.ts';
import { answerError, handleError, handleNotFound } from './http/error-handlers.ts';
import { apiMiddleware, registerRoutes } from './http/register-routes.ts';
import { tableImportRoutes } from './imports/table-import-routes.ts';
import { organisationRoutes } from './organisation/organisation-routes.ts';
import { packRoutes } from './packs/pack-routes.ts';
import { type PackService, packService } from './packs/pack-service.ts';
import { packSources } from './packs/pack-sources.ts';
import { publicFormRoutes } from './public-forms/public-form-routes.ts';
import type { InFlightWrites } from './records/in-flight-writes.ts';
import { recordRoutes } from './records/record-routes.ts';
import { createRecordService } from './records/record-service.ts';
import { createRecordWriter } from './records/record-writer.ts';
import { roleRoutes } from './records/role-routes.ts';
import { createReminderSweeper, type ReminderSweeper } from './reminders/reminder-sweeper.ts';
import { appRoutes } from './routes/app-routes.ts';
import { auditRoutes } from './routes/audit-routes.ts';
import { expressionRoutes } from './routes/expression-routes.ts';
import { infoRoutes } from './routes/info-routes.ts';
import { withApiReference } from './routes/reference-routes.ts';
import { typesRoutes } from './routes/types-routes.ts';
import { validateRoutes } from './routes/validate-routes.ts';
import { APP_ROOT, WEB_ROOT, webRoutes } from './routes/web-routes.ts';
import { HOT_PREFIXES, HOT_READ_TTL_MS, withReadCache } from './storage/read-cache.ts';
import { syncRoutes } from './sync/sync-routes.ts';
import { SERVER_VERSION } from './version.ts';
import { viewRoutes } from './views/view-routes.ts';
import { createViewService } from './views/view-service.ts';
import { createEventPublisher } from './webhooks/event-publisher.ts';
import { webhookRoutes } from './webhooks/webhook-routes.ts';
import { type WebhookOptions, webhooksContext } from './webhooks/webhooks-context.ts';
import { workspaceRoutes } from './workspace/workspace-routes.ts';

/** Request bodies above this size are refused with 413 before they are read. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

const API_TAGS = {
  accounts: { en: 'Signing in, my account and API tokens', 'zh-CN': '登录、我的账号与 API 令牌' },
  users: { en: 'Account administration (admins)', 'zh-CN': '账号管理（管理员）' },
  organisation: { en: 'Departments and positions', 'zh-CN': '部门与职位' },
  import: { en: 'CSV imports (admins)', 'zh-CN': 'CSV 导入（管理员）' },
  apps: { en: 'Apps: drafts and published versions', 'zh-CN': '应用：草稿与已发布版本' },
  records: {
    en: 'Records of published apps, within your row scope',
    'zh-CN': '已发布应用的记录（限行权限范围内）',
  },
  views: {
    en: 'Views of published apps: rows, group-by totals, Excel and CSV exports',
    'zh-CN': '已发布应用的视图：数据行、分组统计、Excel 与 CSV 导出',
  },
  flows: {
    en: 'Flow items, tasks and the inbox; simulation and analytics',
    'zh-CN': '流程事项、待办与事项箱；仿真与分析',
  },
  workspace: {
    en: "The end-user app's start: apps, flows, views, colleagues",
    'zh-CN': '用户端首页：应用、流程、视图与同事',
  },
  sync: {
    en: 'Offline sync of the end-user app: pull my working set, push my outbox',
    'zh-CN': '用户端离线同步：拉取工作集，推送离线更改',
  },
  audit: { en: 'The audit log (admins)', 'zh-CN': '审计日志（管理员）' },
  webhooks: { en: 'Outbound webhooks (admins)', 'zh-CN': '外发 Webhook（管理员）' },
  definitions: { en: 'Packs and app definitions', 'zh-CN': '模板包与应用定义' },
  packs: {
    en: 'The app store: install, upgrade, uninstall and export packs',
    'zh-CN': '应用市场：安装、升级、卸载与导出应用包',
  },
  expressions: { en: 'CEL expressions', 'zh-CN': 'CEL 表达式' },
  platform: { en: 'The server and its plugins', 'zh-CN': '服务器与插件' },
  public: {
    en: 'Public forms: fill in without an account, follow a receipt',
    'zh-CN': '外部填报：无需账号填写表单，查看回执',
  },
  reference: { en: 'This documentation', 'zh-CN': '本文档' },
} as const;

export interface AppOptions {
  readonly platform: Platform;
  /** Shared storage (accounts, organisation …); its indexes are made at start (storage-indexes.ts). */
  readonly storage: StoragePort;
  /** Folder of the implementers' page; the bundled one by default. */
  readonly webRoot?: string;
  /** Folder of the built end-user app (`web/dist`) by default. */
  readonly appRoot?: string;
  /** The clock in ms (sessions, tokens, sign-in limits); `Date.now` by default. */
  readonly now?: () => number;
  /** The CSRF secret; by default the storage's shared `instance` document holds it. */
  readonly secret?: string;
  /** Sign-in limits; by default counted in the shared storage, so they hold across servers. */
  readonly loginLimiter?: LoginRateLimiter;
  /** Public origins behind a proxy, accepted by the CSRF check. */
  readonly trustedOrigins?: readonly string[];
  /**
   * Webhook subscriptions and the event outbox; sending is the dispatcher's job, which
   * `main.ts` starts (`src/webhooks/dispatcher.ts`), so tests get no background sender.
   */
  readonly webhooks?: WebhookOptions;
  /** IANA time zone of the date parts of auto-numbers; the process's own (`TZ`) by default. */
  readonly timeZone?: string;
  /** The cap on one uploaded file in bytes, over every field's maxSize; 50 MiB by default. */
  readonly maxUploadBytes?: number;
  /** Record writes under way until audited; `main.ts` keeps `auditedThrough` by it. */
  readonly inFlight?: InFlightWrites;
  /**
   * Called with the services background jobs need: `main.ts` starts the flow timers with
   * `flows`, and starts and stops the record reminders' sweeper (src/reminders/).
   */
  readonly onServices?: (services: {
    readonly flows: FlowService;
    readonly reminders: ReminderSweeper;
    readonly packs: PackService;
  }) => void;
  /** The pack lifecycle: where bundled packs are (`templates/`), this process's instance id. */
  readonly packs?: { readonly bundledDir?: string; readonly instanceId?: string };
}

/**
 * The HTTP app: JSON API under `/api`, the end-user app at `/`, the implementers' page at
 * `/platform`. Every API route is declared
 * with `defineRoute` (guard, schemas, docs) and mounted by `registerRoutes`; `/api/openapi.json`
 * and `/api/reference` describe them. Every refusal is `{ error: { code, message, field? } }`
 * with a 4xx; nothing answers with a stack trace. No port is opened here: tests call
 * `app.request()`, `main.ts` serves it.
 */
export function createApp(options: AppOptions): Hono<ApiEnv> {
  const { platform } = options;
  // the documents every request reads (token, user, role mapping) are reused for up to 1 s
  const storage = withReadCache(options.storage, {
    prefixes: HOT_PREFIXES,
    ttlMs: HOT_READ_TTL_MS,
    now: options.now ?? Date.now,
  });
  const app = new Hono<ApiEnv>();

  app.use(
    apiMiddleware(
      secureHeaders({
        // a header a handler set stays: file downloads send their own sandboxing CSP
        overwrite: false,
        strictTransportSecurity: false,
        contentSecurityPolicy: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          frameAncestors: ["'none'"],
        },
      }),
    ),
  );
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) =>
      answerError(
        c,
        new ApiError(413, 'payload_too_large', {
          en: `the request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB`,
          'zh-CN': `请求体超过 ${MAX_BODY_BYTES / 1024 / 1024} MB`,
        }),
      ),
  });
  // an upload reads its body itself, limited by the field's maxSize and maxUploadBytes
  app.use(
    '/api/*',
    apiMiddleware((c, next) => (isUpload(c) ? next() : limitBody(c, next))),
  );

  // who is calling (session cookie or bearer token), then the CSRF check of cookie sessions
  const accounts = accountsContext({ ...options, storage });
  app.use('/api/*', authMiddleware(accounts), csrfMiddleware(accounts));

  const apps = createAppStore(storage, platform);
  const webhooks = webhooksContext(accounts, options.webhooks);
  const writing = {
    ...accounts,
    platform,
    events: createEventPublisher(webhooks),
    ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
    ...(options.inFlight === undefined ? {} : { inFlight: options.inFlight }),
  };
  const records = { ...writing, writer: createRecordWriter(writing) };
  const recordService = createRecordService(records);
  const flowsContext = { ...records, records: recordService };
  const flows = createFlowService(flowsContext);
  const packs = packService({
    storage,
    now: accounts.now,
    platform,
    writer: records.writer,
    sources: packSources(storage, options.packs?.bundledDir),
    instanceId: options.packs?.instanceId ?? `process-${process.pid}-${Date.now()}`,
    active: new Set(),
    ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
  });
  options.onServices?.({ flows, reminders: createReminderSweeper(records), packs });
  const routes = [
    ...infoRoutes(platform),
    ...validateRoutes(platform),
    ...expressionRoutes(platform),
    ...typesRoutes(platform),
    ...accountRoutes(accounts),
    ...organisationRoutes(accounts),
    ...appRoutes(platform, apps),
    ...roleRoutes(accounts, apps),
    ...recordRoutes(records, recordService),
    ...viewRoutes(records, createViewService(records)),
    ...flowRoutes(flowsContext, flows),
    ...noticeRoutes(records),
    ...workspaceRoutes(records, apps),
    ...syncRoutes(flowsContext, { flows }, apps),
    ...fileRoutes({
      ...records,
      maxUploadBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
    }),
    ...auditRoutes(storage),
    ...webhookRoutes(webhooks),
    ...tableImportRoutes(records, recordService),
    ...publicFormRoutes({ ...flowsContext, flows }),
    ...packRoutes(packs),
  ];
  registerRoutes(
    app,
    withApiReference(routes, {
      title: 'Tessera API',
      version: SERVER_VERSION,
      description: {
        en: 'The HTTP API of Tessera. Errors are { error: { code, message, field? } } with a 4xx.',
        'zh-CN': 'Tessera 的 HTTP 接口。错误为 { error: { code, message, field? } }，状态码 4xx。',
      },
      tags: API_TAGS,
      license: { name: 'MIT', identifier: 'MIT' },
    }),
  );
  app.route('/', webRoutes(options.webRoot ?? WEB_ROOT, options.appRoot ?? APP_ROOT));

  app.notFound(handleNotFound);
  app.onError(handleError);
  return app;
}
