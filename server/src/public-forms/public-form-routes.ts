import { api, PUBLIC_SUBMISSION_MAX_BYTES, PublicSubmissionSchema } from '@tessera/core/api';
import type { Context } from 'hono';
import { clientAddress } from '../accounts/client-address.ts';
import { storageAttemptStore } from '../auth/storage-attempt-store.ts';
import type { ApiEnv } from '../http/api-env.ts';
import { type ApiRoute, implement } from '../http/define-route.ts';
import { guards } from '../http/guards.ts';
import { localeOf } from '../http/locale.ts';
import { checkInput } from '../http/validate-input.ts';
import { publishedApps } from '../records/published-apps.ts';
import { findPublicForm } from './find-public-form.ts';
import { receiptNotFound } from './public-form-errors.ts';
import { publicFormView } from './public-form-view.ts';
import type { PublicFormsContext } from './public-forms-context.ts';
import { publicRateLimiter } from './public-rate-limiter.ts';
import { readLimitedJson } from './read-limited-json.ts';
import { codeMatches, readReceipt } from './receipt-document.ts';
import { receiptStatus } from './receipt-status.ts';
import { submitPublicForm } from './submit-public-form.ts';

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
    implement(api.publicForms.get, {
      // public: reads only what the app published for anonymous use, nothing else stored
      guard: guards.public(),
      handler: async (c) => c.json(publicFormView(context.platform, await found(c))),
    }),
    implement(api.publicForms.submit, {
      // public: acts as the form's own principal (never the caller's session), rate-limited
      guard: guards.public(),
      handler: async (c) => {
        const locale = localeOf(c);
        const target = await found(c);
        await limiter.submission(clientAddress(c));
        const body = await readLimitedJson(c, PUBLIC_SUBMISSION_MAX_BYTES);
        checkInput('body', PublicSubmissionSchema, body, locale);
        const { values } = body as { values: Record<string, unknown> };
        return c.json(await submitPublicForm(context, target, values, locale), 201);
      },
    }),
    implement(api.publicForms.receipt, {
      // public: a receipt answers only to its random check code, and says nothing of the values
      guard: guards.public(),
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
