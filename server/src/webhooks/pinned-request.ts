import type { IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Destination } from './check-destination.ts';

/** What one hop answered: its status, a redirect target, and at most `maxBytes` of its body. */
export interface HopAnswer {
  readonly status: number;
  readonly location: string | undefined;
  readonly body: string;
  readonly truncated: boolean;
}

export interface HopInit {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly maxBytes: number;
  readonly signal: AbortSignal;
}

/**
 * A lookup that answers only with the addresses `checkDestination` already checked, so the
 * connection cannot be steered elsewhere by a second DNS answer (DNS rebinding). Any other name
 * is an error.
 */
export function pinnedLookup(destination: Destination): LookupFunction {
  const { hostname, addresses } = destination;
  return (name, options, callback) => {
    const usable = addresses.filter((a) => !options.family || a.family === options.family);
    const first = usable[0];
    if (name !== hostname) {
      callback(lookupError('ENOTPINNED', `lookup of ${name} is not pinned`), '');
    } else if (first === undefined) {
      callback(lookupError('ENOTFOUND', `no pinned address of family ${options.family}`), '');
    } else if (options.all) {
      callback(
        null,
        usable.map(({ address, family }) => ({ address, family })),
      );
    } else {
      callback(null, first.address, first.family);
    }
  };
}

/**
 * POSTs `init.body` to a checked destination over a fresh connection (no pooled sockets) whose
 * address comes from `pinnedLookup`; the Host header and TLS server name stay the URL's host.
 * Reads at most `init.maxBytes` of the answer, then closes the connection.
 */
export function pinnedRequest(destination: Destination, init: HopInit): Promise<HopAnswer> {
  const { url, hostname } = destination;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    let response: IncomingMessage | undefined;
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      init.signal.removeEventListener('abort', onAbort);
      outcome();
    };
    const onAbort = (): void => {
      settle(() => reject(init.signal.reason));
      request.destroy();
      response?.destroy();
    };
    const request = send(
      {
        method: 'POST',
        hostname,
        port: url.port === '' ? undefined : Number(url.port),
        path: `${url.pathname}${url.search}`,
        headers: { ...init.headers, 'content-length': String(Buffer.byteLength(init.body)) },
        lookup: pinnedLookup(destination),
        agent: false,
      },
      (answer) => {
        response = answer;
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = (truncated: boolean): void =>
          settle(() =>
            resolve({
              status: answer.statusCode ?? 0,
              location: answer.headers.location,
              body: Buffer.concat(chunks).toString('utf8'),
              truncated,
            }),
          );
        answer.on('data', (chunk: Buffer) => {
          const room = init.maxBytes - size;
          chunks.push(chunk.subarray(0, room));
          size += Math.min(chunk.length, room);
          if (chunk.length > room) {
            finish(true);
            answer.destroy();
          }
        });
        answer.on('end', () => finish(false));
        answer.on('error', (error) => settle(() => reject(error)));
      },
    );
    request.on('error', (error) => settle(() => reject(error)));
    if (init.signal.aborted) onAbort();
    else init.signal.addEventListener('abort', onAbort, { once: true });
    request.end(init.body);
  });
}

function lookupError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}
