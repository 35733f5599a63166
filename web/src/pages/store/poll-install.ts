import type { ApiClient } from '../../api/api-client.ts';
import { finished } from './store-model.ts';
import type { InstallState } from './store-types.ts';

export interface PollOptions {
  /** Milliseconds between reads; the store reads every 500 ms. */
  readonly interval?: number;
  /** Stops reading (the page was left); the promise then rejects with an AbortError. */
  readonly signal?: AbortSignal;
}

const wait = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException('stopped', 'AbortError'));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stop);
      resolve();
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(new DOMException('stopped', 'AbortError'));
    };
    signal?.addEventListener('abort', stop, { once: true });
  });

/**
 * Reads `GET /api/packs/{name}/install` until the install or upgrade has ended (installed or
 * failed), telling `onState` each answer; resolves with the last one.
 */
export async function pollInstall(
  api: ApiClient,
  name: string,
  onState: (state: InstallState) => void,
  options: PollOptions = {},
): Promise<InstallState> {
  const interval = options.interval ?? 500;
  for (;;) {
    const { install } = await api.call.packs.installState({
      params: { name },
      ...(options.signal ? { signal: options.signal } : {}),
    });
    onState(install);
    if (finished(install)) return install;
    await wait(interval, options.signal);
  }
}
