import type { Context } from 'hono';

// the path of api.publicForms.submit
const SUBMISSION_PATTERN = /^\/api\/public\/forms\/[^/]+\/[^/]+\/submissions\/?$/;

/**
 * Whether a request is a public form submission: exempt from the CSRF check (it acts as the
 * form's own principal, never as the session a browser sends along), so customers' own sites
 * may post to it.
 */
export const isPublicSubmission = (c: Context): boolean =>
  c.req.method === 'POST' && SUBMISSION_PATTERN.test(c.req.path);
