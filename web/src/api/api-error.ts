/** A refusal from the server (`{ error: { code, message, field? } }`) or a lost connection. */
export class ApiProblem extends Error {
  override name = 'ApiProblem';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The JSON pointer of the field or rule the server blamed. */
    readonly field?: string,
    /** The whole error object, for codes that carry more (candidates, issues …). */
    readonly detail: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** No answer at all: offline, or the server is down. */
  get offline(): boolean {
    return this.status === 0;
  }
}
