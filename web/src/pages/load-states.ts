import { html, nothing } from 'lit';
import { ApiProblem } from '../api/api-error.ts';

/** The server's message (already in the caller's language), or any other error as text. */
export const problemMessage = (error: unknown): string =>
  error instanceof ApiProblem ? error.message : String(error);

/** A problem as every page shows it; nothing when there is none. */
export const problemAlert = (message: string | undefined) =>
  message ? html`<p class="error" role="alert">${message}</p>` : nothing;

/**
 * The pending and error states of a page's `Task`, to spread into `task.render`: a muted
 * loading line when the page shows one, and the problem, by default the server's message.
 */
export function loadStates(
  options: { loading?: string; message?: (error: unknown) => string } = {},
) {
  const { loading, message = problemMessage } = options;
  return {
    pending: () => (loading === undefined ? nothing : html`<p class="muted">${loading}</p>`),
    error: (error: unknown) => problemAlert(message(error)),
  };
}
