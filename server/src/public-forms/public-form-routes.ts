import { Type } from '@tessera/core';
import type { Context } from 'hono';
import { clientAddress } from '../accounts/client-address.ts';
import { storageAttemptStore } from '../auth/storage-attempt-store.ts';
import type { ApiEnv } from '../http/api-env.ts';
import { type ApiRoute, defineRoute } from '../http/define-route.ts';
import { ErrorSchema } from '../http/error-schema.ts';
import { guards } from '../http/guards.ts';
import { localeOf } from '../http/locale.ts';
import { checkInput } from '../http/validate-input.ts';
import { publishedApps } from '../records/published-apps.ts';
import { findPublicForm } from './find-public-form.ts';
import { receiptNotFound } from './public-form-errors.ts';
import { PUBLIC_FORM_PATH, RECEIPT_PATH, SUBMISSIONS_PATH } from './public-form-paths.ts';
import { PublicFormViewSchema, publicFormView } from './public-form-view.ts';
import type { PublicFormsContext } from './public-forms-context.ts';
import { publicRateLimiter } from './public-rate-limiter.ts';
import { readLimitedJson } from './read-limited-json.ts';
import { codeMatches, readReceipt } from './receipt-document.ts';
import { ReceiptStatusSchema, receiptStatus } from './receipt-status.ts';
import { submitPublicForm } from './submit-public-form.ts';

/** A submission's body at most (the form's values; files are refused anyway). */
export const MAX_SUBMISSION_BYTES = 64 * 1024;

const SubmissionSchema = Type.Object(
  {
    values: Type.Record(Type.String(), Type.Unknown(), {
      description: 'values by field id, only of fields the form lets the public fill',
    }),
  },
  { additionalProperties: false, title: 'PublicSubmission' },
);

const ReceiptSchema = Type.Object(
  {
    receipt: Type.String({ description: 'e.g. SR-20260301-0001' }),
    checkCode: Type.String({ description: 'shown once; needed to look the receipt up' }),
  },
  { title: 'PublicReceipt' },
);

const CodeQuery = Type.Object({
  code: Type.String({
    minLength: 1,
    maxLength: 64,
    description: 'the check code given at submission',
  }),
  locale: Type.Optional(Type.String()),
});

const tags = ['public'];

/**
 * Public forms (外部填报): read a form, submit it without an account, follow the receipt.
 * Every route is public on purpose: each answers only about an enabled public form of a
 * published app (or a receipt with its check code), the submission acts as the form's own
 * principal whatever session comes along, and anonymous writes are limited per address.
 */
export function publicFormRoutes(context: PublicFormsContext): ApiRoute[] {
  const published = publishedApps(context.storage);
  const limiter = publicRateLimiter(
    context.attempts ?? storageAttemptStore(context.storage),
    context.now,
    context.publicLimits,
  );
  const found = (c: Context<ApiEnv>) =>
    findPublicForm(published, c.req.param('app') ?? '', c.req.param('publicForm') ?? '');

  return [
    defineRoute({
      method: 'get',
      path: PUBLIC_FORM_PATH,
      summary: { en: 'A public form, to render it', 'zh-CN': '公开表单（用于渲染）' },
      description: {
        en: 'The layout, the fields it shows (with right edit or read) and the dictionaries of its selects; 404 when the app has no such enabled form.',
        'zh-CN':
          '表单布局、显示的字段（right 为 edit 或 read）及下拉字段用到的数据字典；应用没有该已启用表单时返回 404。',
      },
      tags,
      // public: reads only what the app published for anonymous use, nothing else stored
      guard: guards.public(),
      responses: { 200: PublicFormViewSchema, 404: ErrorSchema },
      handler: async (c) => c.json(publicFormView(context.platform, await found(c))),
    }),
    defineRoute({
      method: 'post',
      path: SUBMISSIONS_PATH,
      summary: { en: 'Submit a public form', 'zh-CN': '提交公开表单' },
      description: {
        en: `No sign-in and no CSRF token. Validated exactly like a signed-in create; a bad value is 400 naming /values/<field>. At most ${MAX_SUBMISSION_BYTES / 1024} KB, no attachments, a few submissions per address in 10 minutes (429 with Retry-After). Answers the receipt number and a check code to look it up with.`,
        'zh-CN': `无需登录，也无需 CSRF 令牌。校验与登录后新建记录完全相同；值有误返回 400 并指出 /values/<字段>。最多 ${MAX_SUBMISSION_BYTES / 1024} KB，不接受附件，每个地址 10 分钟内只能提交数次（429 并带 Retry-After）。返回回执号及查询码。`,
      },
      tags,
      // public: acts as the form's own principal (never the caller's session), rate-limited
      guard: guards.public(),
      rawBody: { content: { 'application/json': SubmissionSchema } },
      responses: {
        201: ReceiptSchema,
        404: ErrorSchema,
        413: ErrorSchema,
        422: ErrorSchema,
        429: ErrorSchema,
      },
      handler: async (c) => {
        const locale = localeOf(c);
        const target = await found(c);
        await limiter.submission(clientAddress(c));
        const body = await readLimitedJson(c, MAX_SUBMISSION_BYTES);
        checkInput('body', SubmissionSchema, body, locale);
        const { values } = body as { values: Record<string, unknown> };
        return c.json(await submitPublicForm(context, target, values, locale), 201);
      },
    }),
    defineRoute({
      method: 'get',
      path: RECEIPT_PATH,
      summary: { en: 'Where a submission stands', 'zh-CN': '查询提交进度' },
      description: {
        en: 'With ?code= the check code: the status and, while in progress, the step it waits at; never the values. An unknown receipt and a wrong code are the same 404; wrong codes are limited per address.',
        'zh-CN':
          '带 ?code= 查询码：返回状态，处理中时返回当前环节；从不返回填写的值。回执号不存在与查询码错误同样返回 404；每个地址的错误次数有限制。',
      },
      tags,
      // public: a receipt answers only to its random check code, and says nothing of the values
      guard: guards.public(),
      query: CodeQuery,
      responses: { 200: ReceiptStatusSchema, 404: ErrorSchema, 429: ErrorSchema },
      handler: async (c, { query }) => {
        const locale = localeOf(c);
        const ip = clientAddress(c);
        await limiter.checkLookup(ip);
        const receipt = (c.req.param('receipt') ?? '').trim().toUpperCase();
        const doc = /^[A-Z][A-Z0-9]{0,9}-\d{8}-\d{4,}$/.test(receipt)
          ? await readReceipt(context.storage, receipt)
          : undefined;
        if (!doc || !codeMatches(doc, query.code)) {
          await limiter.wrongCode(ip);
          throw receiptNotFound();
        }
        return c.json(await receiptStatus(context.flows.store, published, doc, locale));
      },
    }),
  ];
}
