import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookRequest } from '../src/webhooks/deliver.ts';

export interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export type Handler = (res: ServerResponse, req: IncomingMessage) => void;

/** A webhook receiver on 127.0.0.1 (port 0), answering by path; 204 for unknown paths. */
export interface Receiver {
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly base: string;
  readonly routes: Map<string, Handler>;
  readonly received: Received[];
  /** Forgets the routes and what was received. */
  reset(): void;
  close(): void;
}

export async function startReceiver(): Promise<Receiver> {
  const routes = new Map<string, Handler>();
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.on('error', () => {}); // the sender may hang up mid-answer
      (routes.get(path) ?? ((r) => r.writeHead(204).end()))(res, req);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    base: `http://127.0.0.1:${port}`,
    routes,
    received,
    reset: () => {
      routes.clear();
      received.length = 0;
    },
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

export const TEST_SECRET = 'whsec_deliver';

/** A first attempt at sending a `record.created` event to `url`. */
export function webhookRequest(url: string, extra: Partial<WebhookRequest> = {}): WebhookRequest {
  const payload = { table: 'contracts', record: { id: 'r1', title: '合同' } };
  const secret = TEST_SECRET;
  return { id: 'dlv_1', url, event: 'record.created', payload, secret, attempt: 1, ...extra };
}
