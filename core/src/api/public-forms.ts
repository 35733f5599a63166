import { type Static, Type } from 'typebox';
import type { LocalizedText } from '../i18n/localized.ts';
import type { DictionaryDefinition } from '../model/dictionary.ts';
import type { FormDefinition } from '../model/form.ts';
import { ErrorSchema } from './common-schemas.ts';
import { route } from './route-contract.ts';

/** A public form submission's body at most (the form's values; files are refused anyway). */
export const PUBLIC_SUBMISSION_MAX_BYTES = 64 * 1024;

/** A public form's field as shown: its definition, with `read` for one the submitter cannot set. */
export type PublicFormField = Record<string, unknown> & {
  readonly id: string;
  readonly right: 'edit' | 'read';
};

/**
 * What a browser needs to render a public form; nothing about the flow or other fields. The
 * document describes the form, fields and dictionaries loosely; their types here are exact.
 */
export const PublicFormViewSchema = Type.Object(
  {
    app: Type.String(),
    id: Type.String(),
    label: Type.Unsafe<LocalizedText>(Type.Unknown({ description: 'localized text' })),
    table: Type.Object({ id: Type.String(), label: Type.Unsafe<LocalizedText>(Type.Unknown()) }),
    // the form's layout, reduced to the shown fields, and its linkage rules over them
    form: Type.Unsafe<Pick<FormDefinition, 'id' | 'label' | 'sections' | 'rules'>>(
      Type.Unknown({ description: 'the form definition, reduced to the shown fields' }),
    ),
    fields: Type.Array(Type.Unsafe<PublicFormField>(Type.Unknown()), {
      description: 'field definitions with right',
    }),
    // the data dictionaries the shown select fields take their options from
    dictionaries: Type.Array(Type.Unsafe<DictionaryDefinition>(Type.Unknown())),
    startsFlow: Type.Boolean(),
  },
  { title: 'PublicForm' },
);

export type PublicFormView = Static<typeof PublicFormViewSchema>;

export const PublicSubmissionSchema = Type.Object(
  {
    values: Type.Record(Type.String(), Type.Unknown(), {
      description: 'values by field id, only of fields the form lets the public fill',
    }),
  },
  { additionalProperties: false, title: 'PublicSubmission' },
);

export const PublicReceiptSchema = Type.Object(
  {
    receipt: Type.String({ description: 'e.g. SR-20260301-0001' }),
    checkCode: Type.String({ description: 'shown once; needed to look the receipt up' }),
  },
  { title: 'PublicReceipt' },
);

/** Where a submission stands: never its values, never who handles it. */
export const ReceiptStatusSchema = Type.Object(
  {
    receipt: Type.String(),
    submittedAt: Type.String(),
    status: Type.Union([
      Type.Literal('received'),
      Type.Literal('in_progress'),
      Type.Literal('approved'),
      Type.Literal('rejected'),
      Type.Literal('cancelled'),
    ]),
    // the step it waits at, when in progress (labels of the nodes with open tasks)
    node: Type.Optional(Type.String()),
    endedAt: Type.Optional(Type.String()),
  },
  { title: 'ReceiptStatus' },
);

export type ReceiptStatus = Static<typeof ReceiptStatusSchema>;

const CodeQuery = Type.Object({
  code: Type.String({
    minLength: 1,
    maxLength: 64,
    description: 'the check code given at submission',
  }),
  locale: Type.Optional(Type.String()),
});

const tags = ['public'];
const form = '/public/forms/:app/:publicForm';

/**
 * Public forms (外部填报): read a form, submit it without an account, follow the receipt.
 * Every route is public on purpose (see the server's guards): each answers only about an
 * enabled public form of a published app, or a receipt with its check code.
 */
export const publicFormsApi = {
  get: route({
    method: 'get',
    path: form,
    summary: { en: 'A public form, to render it', 'zh-CN': '公开表单（用于渲染）' },
    description: {
      en: 'The layout, the fields it shows (with right edit or read) and the dictionaries of its selects; 404 when the app has no such enabled form.',
      'zh-CN':
        '表单布局、显示的字段（right 为 edit 或 read）及下拉字段用到的数据字典；应用没有该已启用表单时返回 404。',
    },
    tags,
    responses: { 200: PublicFormViewSchema, 404: ErrorSchema },
  }),
  submit: route({
    method: 'post',
    path: `${form}/submissions`,
    summary: { en: 'Submit a public form', 'zh-CN': '提交公开表单' },
    description: {
      en: `No sign-in and no CSRF token. Validated exactly like a signed-in create; a bad value is 400 naming /values/<field>. At most ${PUBLIC_SUBMISSION_MAX_BYTES / 1024} KB, no attachments, a few submissions per address in 10 minutes (429 with Retry-After). Answers the receipt number and a check code to look it up with.`,
      'zh-CN': `无需登录，也无需 CSRF 令牌。校验与登录后新建记录完全相同；值有误返回 400 并指出 /values/<字段>。最多 ${PUBLIC_SUBMISSION_MAX_BYTES / 1024} KB，不接受附件，每个地址 10 分钟内只能提交数次（429 并带 Retry-After）。返回回执号及查询码。`,
    },
    tags,
    // read by the route itself, cut off at the limit before it is parsed
    rawBody: { content: { 'application/json': PublicSubmissionSchema } },
    responses: {
      201: PublicReceiptSchema,
      404: ErrorSchema,
      413: ErrorSchema,
      422: ErrorSchema,
      429: ErrorSchema,
    },
  }),
  receipt: route({
    method: 'get',
    path: '/public/receipts/:receipt',
    summary: { en: 'Where a submission stands', 'zh-CN': '查询提交进度' },
    description: {
      en: 'With ?code= the check code: the status and, while in progress, the step it waits at; never the values. An unknown receipt and a wrong code are the same 404; wrong codes are limited per address.',
      'zh-CN':
        '带 ?code= 查询码：返回状态，处理中时返回当前环节；从不返回填写的值。回执号不存在与查询码错误同样返回 404；每个地址的错误次数有限制。',
    },
    tags,
    query: CodeQuery,
    responses: { 200: ReceiptStatusSchema, 404: ErrorSchema, 429: ErrorSchema },
  }),
};
