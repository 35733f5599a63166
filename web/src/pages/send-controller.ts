import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { problemAlert, problemMessage } from './load-states.ts';

/**
 * What a page sends (a save, a sign-in, an upload): `busy` while a send is out, and the
 * problem the last one met, shown until the next send or `clear()`. A page's sends share one,
 * as they share one busy state and one place for a refusal. Loading is a `Task`'s job.
 */
export class SendController implements ReactiveController {
  busy = false;
  /** The refusal as the page shows it. */
  problem: string | undefined;
  /** The refusal itself, for a page that shows more of it than its message (its issues). */
  error: unknown;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly message: (error: unknown) => string = problemMessage,
  ) {
    host.addController(this);
  }

  /** A page taken away drops its refusal: it must not greet the person if the page comes back. */
  hostDisconnected(): void {
    this.problem = undefined;
    this.error = undefined;
  }

  /**
   * Sends, one at a time: the answer, or `undefined` when it was refused (`problem` says why,
   * in `message`'s words when given).
   */
  async run<T>(send: () => Promise<T>, message = this.message): Promise<T | undefined> {
    if (this.busy) return undefined;
    this.set({ busy: true, problem: undefined, error: undefined });
    try {
      return await send();
    } catch (error) {
      this.set({ problem: message(error), error });
      return undefined;
    } finally {
      this.set({ busy: false });
    }
  }

  /** A refusal found before sending (a file too large). */
  fail(problem: string) {
    this.set({ problem, error: undefined });
  }

  clear() {
    this.set({ problem: undefined, error: undefined });
  }

  /** The problem as every page shows it. */
  render() {
    return problemAlert(this.problem);
  }

  private set(changes: Partial<Pick<SendController, 'busy' | 'problem' | 'error'>>) {
    Object.assign(this, changes);
    this.host.requestUpdate();
  }
}
