import type { Bilingual } from '@tessera/core';
import { SERVER_VERSION } from '../version.ts';
import {
  checkDestination,
  type Destination,
  type DestinationOptions,
} from './check-destination.ts';
import { DestinationError } from './destination-error.ts';
import { type HopAnswer, pinnedRequest } from './pinned-request.ts';
import { signPayload } from './webhook-signature.ts';

/** One attempt at sending one event to one webhook. */
export interface WebhookRequest {
  /** The delivery id, the same on every attempt: receivers use it to ignore duplicates. */
  readonly id: string;
  readonly url: string;
  /** The event name, e.g. `record.created`. */
  readonly event: string;
  /** Sent as JSON. */
  readonly payload: unknown;
  readonly secret: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
}

export interface DeliverOptions extends DestinationOptions {
  /** For the whole attempt: DNS, connecting, every redirect and reading the answer. */
  readonly timeoutMs?: number;
  readonly maxResponseBytes?: number;
  readonly maxRedirects?: number;
  /** The clock for the signature's timestamp, in milliseconds. */
  readonly now?: () => number;
  /**
   * Checks each URL and gives the addresses to connect to; `checkDestination` with these options
   * by default. Tests wrap it to point a checked public name at a loopback receiver.
   */
  readonly check?: (url: string) => Promise<Destination>;
}

export interface DeliveryError {
  readonly code: string;
  readonly message: Bilingual;
}

export interface DeliveryResult {
  /** A 2xx answer. */
  readonly ok: boolean;
  /** The status of the last answer, when the last URL tried answered. */
  readonly status?: number;
  readonly attempt: number;
  /** Retrying cannot help: 410 Gone, or a destination that is refused. */
  readonly giveUp: boolean;
  readonly error?: DeliveryError;
  /** The last URL tried (after redirects). */
  readonly url: string;
  /** At most `maxResponseBytes` of the last answer, for the delivery log. */
  readonly body?: string;
}

export const DELIVERY_DEFAULTS = {
  timeoutMs: 10_000,
  maxResponseBytes: 64 * 1024,
  maxRedirects: 3,
} as const;

const REDIRECTS: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/**
 * POSTs a signed event to a webhook. Every URL — the first and each redirect target — passes
 * `checkDestination`, and the connection goes to the addresses that check resolved. Redirects
 * are followed by hand, at most `maxRedirects` times, re-sending the same signed POST.
 */
export async function deliver(
  request: WebhookRequest,
  options: DeliverOptions = {},
): Promise<DeliveryResult> {
  const timeoutMs = options.timeoutMs ?? DELIVERY_DEFAULTS.timeoutMs;
  const maxRedirects = options.maxRedirects ?? DELIVERY_DEFAULTS.maxRedirects;
  const maxBytes = options.maxResponseBytes ?? DELIVERY_DEFAULTS.maxResponseBytes;
  const signal = AbortSignal.timeout(timeoutMs);
  const body = JSON.stringify(request.payload) ?? 'null';
  const timestamp = Math.floor((options.now ?? Date.now)() / 1000);
  const headers = {
    'content-type': 'application/json',
    'user-agent': `Tessera-Webhooks/${SERVER_VERSION}`,
    'x-tessera-event': request.event,
    'x-tessera-delivery': request.id,
    'x-tessera-signature': signPayload(request.secret, timestamp, body),
  };
  const check = options.check ?? ((target: string) => checkDestination(target, options));
  const { attempt } = request;
  let url = request.url;
  try {
    for (let hop = 0; ; hop++) {
      const destination = await untilAborted(check(url), signal);
      const answer = await pinnedRequest(destination, { headers, body, signal, maxBytes });
      if (!REDIRECTS.has(answer.status) || answer.location === undefined) {
        return judge(answer, attempt, url);
      }
      if (hop >= maxRedirects) {
        const message = {
          en: `The receiver redirected more than ${maxRedirects} times.`,
          'zh-CN': `接收方重定向超过 ${maxRedirects} 次。`,
        };
        return failure(attempt, url, 'too_many_redirects', message, { status: answer.status });
      }
      url = resolveLocation(answer.location, destination.url);
    }
  } catch (error) {
    if (error instanceof DestinationError) {
      return failure(attempt, url, error.code, error.detail, { giveUp: true });
    }
    if (signal.aborted) {
      return failure(attempt, url, 'timeout', {
        en: `The receiver did not answer within ${timeoutMs} ms.`,
        'zh-CN': `接收方未在 ${timeoutMs} 毫秒内应答。`,
      });
    }
    const reason = (error as { code?: unknown }).code ?? String(error);
    return failure(attempt, url, 'network_error', {
      en: `The receiver could not be reached (${String(reason)}).`,
      'zh-CN': `无法连接接收方（${String(reason)}）。`,
    });
  }
}

function judge(answer: HopAnswer, attempt: number, url: string): DeliveryResult {
  const { status, body } = answer;
  if (status >= 200 && status < 300) return { ok: true, status, attempt, giveUp: false, url, body };
  const gone = status === 410;
  const message: Bilingual = gone
    ? {
        en: 'The receiver answered 410 Gone: it wants no more deliveries.',
        'zh-CN': '接收方返回 410 Gone：不再接收投递。',
      }
    : { en: `The receiver answered ${status}.`, 'zh-CN': `接收方返回 ${status}。` };
  const code = gone ? 'gone' : 'http_status';
  return { ...failure(attempt, url, code, message, { giveUp: gone, status }), body };
}

function failure(
  attempt: number,
  url: string,
  code: string,
  message: Bilingual,
  { giveUp = false, status }: { giveUp?: boolean; status?: number } = {},
): DeliveryResult {
  const answered = status === undefined ? {} : { status };
  return { ok: false, attempt, giveUp, url, error: { code, message }, ...answered };
}

function resolveLocation(location: string, base: URL): string {
  try {
    return new URL(location, base).href;
  } catch {
    return location; // refused by checkDestination as an invalid URL
  }
}

function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
