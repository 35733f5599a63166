/**
 * B11's simulated people: each signed in, each looping (until a deadline) through what a person
 * at work does with approvals — sometimes start an item, look at their todo box, approve a few
 * of the tasks in it — with a think time before every step. Every request goes to one of the
 * servers at random and is logged: when, which server, what, the status (0: no answer) and the
 * time it took.
 */
import type { Session } from '../../integration/support/api-client.ts';

export interface Sample {
  /** Milliseconds since the load began, when the request was sent. */
  readonly at: number;
  readonly server: number;
  readonly kind: 'start' | 'inbox' | 'approve';
  readonly status: number;
  /** The error code of a 4xx or 5xx answer (`task_closed` …), or the failure of no answer. */
  readonly code?: string;
  readonly ms: number;
}

export interface Person {
  readonly username: string;
  readonly session: Session;
  /** The budget line their items draw on. */
  readonly line: string;
}

export interface Started {
  readonly id: string;
  readonly line: string;
  readonly cents: number;
}

export interface LoadOptions {
  readonly servers: readonly string[];
  readonly began: number;
  readonly until: number;
  /** Think time before each step, ms (uniform). */
  readonly think: readonly [number, number];
  /** Chance that a round of a person's loop starts an item. */
  readonly startChance: number;
  /** Tasks approved at most per round. */
  readonly approvalsPerRound: number;
  readonly samples: Sample[];
  /** Items answered 201. */
  readonly started: Started[];
}

const REQUEST_TIMEOUT_MS = 30_000;
const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** One request as the person's browser sends it, logged; answers the status and body. */
async function send(
  options: LoadOptions,
  person: Person,
  kind: Sample['kind'],
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const server = Math.floor(Math.random() * options.servers.length);
  const base = options.servers[server]!;
  const headers: Record<string, string> = {
    cookie: `tessera_session=${person.session.cookie}`,
  };
  if (method !== 'GET') {
    headers.origin = new URL(base).origin;
    headers['x-csrf-token'] = person.session.csrf;
    headers['content-type'] = 'application/json';
  }
  const sent = performance.now();
  const at = Date.now() - options.began;
  let status = 0;
  let json: Record<string, unknown> = {};
  let code: string | undefined;
  try {
    const response = await fetch(base + path, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    status = response.status;
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      json = {};
    }
    if (status >= 400) code = (json.error as { code?: string } | undefined)?.code ?? 'no_code';
  } catch (error) {
    code = error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'no_answer';
  }
  options.samples.push({
    at,
    server,
    kind,
    status,
    ...(code ? { code } : {}),
    ms: performance.now() - sent,
  });
  return { status, json };
}

/** One person's working day, until `options.until`. */
export async function live(person: Person, options: LoadOptions): Promise<void> {
  const [low, high] = options.think;
  const think = () => pause(low + Math.random() * (high - low));
  const running = () => Date.now() < options.until;
  let made = 0;
  while (running()) {
    await think();
    if (!running()) break;
    if (Math.random() < options.startChance) {
      made++;
      const cents = 100 + Math.floor(Math.random() * 9900);
      const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
      const answer = await send(
        options,
        person,
        'start',
        'POST',
        '/api/apps/spend/flows/expense/items',
        {
          values: { title: `B11 ${person.username} ${made}`, amount, budgetLine: person.line },
        },
      );
      if (answer.status === 201) {
        options.started.push({ id: String(answer.json.id), line: person.line, cents });
      }
      await think();
      if (!running()) break;
    }
    const inbox = await send(options, person, 'inbox', 'GET', '/api/inbox?box=todo&limit=50');
    const entries =
      inbox.status === 200 ? (inbox.json.items as { task: string; instance: string }[]) : [];
    // people in the same role see the same tasks: each takes them in an order of their own
    const order = entries
      .map((entry) => ({ entry, key: Math.random() }))
      .sort((a, b) => a.key - b.key)
      .slice(0, options.approvalsPerRound);
    for (const { entry } of order) {
      await think();
      if (!running()) break;
      await send(options, person, 'approve', 'POST', `/api/flow-items/${entry.instance}/commands`, {
        type: 'approve',
        task: entry.task,
      });
    }
  }
}

/** The p-th percentile (nearest rank) of some values; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** `201×40 200×120 409×3` — the statuses of some samples and their counts (0: no answer). */
export function statusCounts(samples: readonly Sample[]): string {
  const counts = new Map<number, number>();
  for (const sample of samples) counts.set(sample.status, (counts.get(sample.status) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => a[0] - b[0])
    .map(([status, count]) => `${status === 0 ? 'none' : status}×${count}`)
    .join(' ');
}
