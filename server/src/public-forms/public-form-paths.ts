import type { Context } from 'hono';

/** Below `/api`: where a public form is read and submitted, and receipts are looked up. */
export const PUBLIC_FORM_PATH = '/public/forms/:app/:publicForm';
export const SUBMISSIONS_PATH = `${PUBLIC_FORM_PATH}/submissions`;
export const RECEIPT_PATH = '/public/receipts/:receipt';

const SUBMISSION_PATTERN = /^\/api\/public\/forms\/[^/]+\/[^/]+\/submissions\/?$/;

/**
 * Whether a request is a public form submission: exempt from the CSRF check (it acts as the
 * form's own principal, never as the session a browser sends along), so customers' own sites
 * may post to it.
 */
export const isPublicSubmission = (c: Context): boolean =>
  c.req.method === 'POST' && SUBMISSION_PATTERN.test(c.req.path);
