import type { Hono } from 'hono';
import { ensureFirstAdmin } from '../src/accounts/first-admin.ts';
import { type ApiEnv, createApp } from '../src/index.ts';
import type { LookupAll } from '../src/webhooks/check-destination.ts';
import type { WebhookOptions } from '../src/webhooks/webhooks-context.ts';
import { type Answer, type Clock, call, type Session, signIn } from './accounts-helpers.ts';
import { makeStorage, testPlatform } from './helpers.ts';
import { recordsApp } from './records-helpers.ts';

/** Every `*.example` name is this public address; no test sends anything to it. */
export const PUBLIC_ADDRESS = '93.184.216.34';

/** Answers for `*.example` without DNS; any other name is unresolved. */
export const exampleLookup: LookupAll = async (host) =>
  host.endsWith('.example') ? [{ address: PUBLIC_ADDRESS, family: 4 }] : [];

export interface WebhookWorld {
  readonly app: Hono<ApiEnv>;
  readonly storage: Awaited<ReturnType<typeof makeStorage>>;
  readonly clock: Clock;
  /** The first admin, calling with an API token (no session to run out when the clock jumps). */
  readonly admin: { readonly bearer: string; readonly user: Session['user'] };
}

/**
 * A fresh app with the records app `contracts` published, its clock in the test's hands, and
 * webhook destinations looked up by `exampleLookup` unless the options say otherwise.
 */
export async function startWebhookWorld(webhooks: WebhookOptions = {}): Promise<WebhookWorld> {
  const storage = await makeStorage();
  const clock: Clock = {
    now: Date.parse('2026-01-05T09:00:00.000Z'),
    advance(ms) {
      this.now += ms;
    },
  };
  const now = () => clock.now;
  const first = await ensureFirstAdmin({ storage, now });
  if (!first.created) throw new Error('a fresh storage made no first admin');
  const app = createApp({
    platform: testPlatform,
    storage,
    now,
    webhooks: { lookup: exampleLookup, ...webhooks },
  });
  const session = await signIn(app, first.username, first.password);
  const token = await call(app, 'POST', '/api/auth/tokens', {
    as: session,
    body: { name: 'tests' },
  });
  if (token.status !== 201) throw new Error(`token: ${JSON.stringify(token.json)}`);
  const admin = { bearer: String(token.json.token), user: session.user };
  for (const path of ['/api/apps', '/api/apps/contracts/publish']) {
    const body = path === '/api/apps' ? recordsApp() : {};
    const answer = await call(app, 'POST', path, { as: admin, body });
    if (answer.status !== 201) throw new Error(`${path}: ${JSON.stringify(answer.json)}`);
  }
  return { app, storage, clock, admin };
}

/** Subscribes as the admin (throws unless 201) and returns the answer, secret included. */
export async function subscribe(
  world: WebhookWorld,
  body: Record<string, unknown>,
): Promise<Answer['json'] & { id: string; _rev: string; secret: string }> {
  const answer = await call(world.app, 'POST', '/api/webhooks', { as: world.admin, body });
  if (answer.status !== 201) {
    throw new Error(`subscribe: ${answer.status} ${JSON.stringify(answer.json)}`);
  }
  return answer.json as Awaited<ReturnType<typeof subscribe>>;
}

export interface DeliveryItem {
  readonly id: string;
  readonly event: string;
  readonly eventKey: string;
  readonly status: string;
  readonly attempts: number;
  readonly nextAttemptAt?: string;
  readonly lastStatus?: number;
  readonly lastError?: string;
  readonly failReason?: string;
}

/** The deliveries of a webhook, newest first (one page). */
export async function deliveriesOf(world: WebhookWorld, hook: string): Promise<DeliveryItem[]> {
  const answer = await call(world.app, 'GET', `/api/webhooks/${hook}/deliveries?limit=1000`, {
    as: world.admin,
  });
  if (answer.status !== 200) throw new Error(`deliveries: ${JSON.stringify(answer.json)}`);
  return answer.json.items as DeliveryItem[];
}
