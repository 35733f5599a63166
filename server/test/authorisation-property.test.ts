import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { OpenApiDocument } from '../src/index.ts';
import { leaksIn, type Sight, sightOf } from './authorisation-oracle.ts';
import { ROUTES, sameSet } from './authorisation-routes.ts';
import { worldSpec } from './authorisation-spec.ts';
import { buildWorld, send, type World } from './authorisation-world.ts';
import { makeApp } from './helpers.ts';

/**
 * Authorisation as a property: in generated worlds, every route of the OpenAPI document is
 * called as every person (and anonymously) with the ids of things they may and may not see,
 * and no answer holds a record, count, total, file or timeline outside their rights.
 */

/** A fixed seed and a few worlds; AUTHZ_SEED and AUTHZ_WORLDS explore more when hunting. */
const SEED = Number(process.env.AUTHZ_SEED ?? 20250601);
const WORLDS = Number(process.env.AUTHZ_WORLDS ?? 3);

const guardAllows = (guard: string, sight: Sight): number | undefined => {
  if (guard === 'public') return undefined;
  if (!sight.person) return 401;
  const roles = /^role\((.*)\)$/.exec(guard)?.[1]?.split(', ');
  return roles && !roles.some((role) => sight.roles.includes(role)) ? 403 : undefined;
};

/** `/api/flow-items/{id}` as a pattern a probe's path must match. */
const patternOf = (template: string) =>
  new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+').replace(/\./g, '\\.')}$`);

interface Routed {
  readonly key: string;
  readonly method: string;
  readonly template: string;
  readonly guard: string;
}

function routesOf(document: OpenApiDocument): Routed[] {
  return Object.entries(document.paths).flatMap(([template, operations]) =>
    Object.entries(operations as Record<string, Record<string, unknown>>).map(
      ([method, operation]) => ({
        key: `${method.toUpperCase()} ${template}`,
        method: method.toUpperCase(),
        template,
        guard: String(operation['x-tessera-guard']),
      }),
    ),
  );
}

/** Calls every route as every caller; returns what broke the rules and how many calls it took. */
async function probeWorld(
  world: World,
): Promise<{ problems: string[]; calls: number; routes: number }> {
  const admin = world.people[0]!.session;
  const document = (await send(world.app, 'GET', '/api/openapi.json', { as: admin }))
    .json as OpenApiDocument;
  const routes = routesOf(document);
  const notices = new Map<string, string>();
  for (const person of world.people) {
    const mine = await send(world.app, 'GET', '/api/notices?limit=100', { as: person.session });
    for (const notice of (mine.json as { items: { id: string }[] }).items)
      notices.set(notice.id, person.id);
  }
  const problems: string[] = [];
  let calls = 0;
  const callers = [undefined, ...world.people];
  for (const route of routes) {
    const check = ROUTES[route.key];
    if (!check) {
      problems.push(`${route.key} is not in the route table`);
      continue;
    }
    const pattern = patternOf(route.template);
    const before = calls;
    for (const person of callers) {
      const sight = sightOf(world, person);
      const who = person?.name ?? 'anonymous';
      let probes = check.probes({ world, sight, notices });
      if (!person) probes = probes.slice(0, 1); // every call of theirs is the same 401
      for (const probe of probes) {
        const where = `world ${world.index + 1}, ${who}: ${route.method} ${probe.path}`;
        if (!pattern.test(probe.path.split('?')[0]!)) {
          problems.push(`${where} does not call ${route.template}`);
          continue;
        }
        const reply = await send(world.app, route.method, probe.path, {
          ...(person ? { as: person.session } : {}),
          ...(probe.body === undefined ? {} : { body: probe.body }),
          ...(probe.form ? { form: probe.form() } : {}),
        });
        calls += 1;
        const found: string[] = [];
        if (reply.status >= 500)
          found.push(`a server error ${reply.status}: ${reply.text.slice(0, 200)}`);
        const refusal = guardAllows(route.guard, sight);
        if (refusal !== undefined) {
          if (reply.status !== refusal) found.push(`answered ${reply.status}, expected ${refusal}`);
        } else if (probe.hidden && reply.status !== 404) {
          found.push(`answered ${reply.status} for something the caller may not see, expected 404`);
        } else if (!probe.hidden && probe.check) {
          const said = await probe.check(reply);
          if (said) found.push(...(typeof said === 'string' ? [said] : said));
        }
        if (reply.status < 300) {
          // what the caller sent may come back to them (an id in an error, a preview of their rows)
          const sent = `${probe.path} ${JSON.stringify(probe.body ?? '')} ${probe.echoes ?? ''}`;
          const echoed = (leak: string) => {
            const id = leak.split(' ').at(-1)!;
            return leak.startsWith('the id of') && sent.includes(id.slice(id.indexOf(':') + 1));
          };
          const leaks = leaksIn(reply.text, world, sight).filter((leak) => !echoed(leak));
          found.push(...leaks.map((leak) => `answered with ${leak}`));
        }
        problems.push(...found.map((one) => `${where}: ${one}`));
      }
    }
    if (calls === before) problems.push(`${route.key} was never called`);
  }
  return { problems, calls, routes: routes.length };
}

/**
 * Where the server's world differs from the definition the oracle reads: each submitted item's
 * status and the people on it (read as the first admin), and every refused start a 422.
 */
async function asDefined(world: World): Promise<string[]> {
  const admin = world.people[0]!.session;
  const problems: string[] = [];
  for (const item of world.items) {
    if (item.status === 'draft' && item.stage === undefined) continue;
    // a withdrawn item is a draft again: only its drafter may read it
    const as =
      item.status === 'draft'
        ? world.people.find((one) => one.id === item.initiator)!.session
        : admin;
    const seen = (await send(world.app, 'GET', `/api/flow-items/${item.id}`, { as })).json as {
      status: string;
      tasks: { assignee: string }[];
    };
    if (seen.status !== item.status)
      problems.push(`${item.id} is ${seen.status}, not ${item.status}`);
    const on = sameSet(
      `people on ${item.id}`,
      seen.tasks.map((task) => task.assignee),
      [item.initiator, ...item.onItem],
    );
    if (on && item.status !== 'draft') problems.push(on);
  }
  for (const refused of world.refusedStarts) {
    if (refused.status !== 422) problems.push(`a start with ${refused.reason}: ${refused.status}`);
  }
  return problems;
}

describe('authorisation as a property', () => {
  it('has a check for every route of the OpenAPI document, and none for a route it lacks', async () => {
    const app = await makeApp();
    const document = (await (await app.request('/api/openapi.json')).json()) as OpenApiDocument;
    const documented = routesOf(document)
      .map((route) => route.key)
      .sort();
    assert.deepEqual(Object.keys(ROUTES).sort(), documented);
    assert.ok(documented.length >= 90, `${documented.length} routes`);
  });

  const specs = fc.sample(worldSpec(), { seed: SEED, numRuns: WORLDS });
  for (const [index, spec] of specs.entries()) {
    it(`world ${index + 1} of ${WORLDS} (seed ${SEED}): every route as every person keeps to their rights`, async (t) => {
      const world = await buildWorld(spec, index);
      assert.deepEqual(await asDefined(world), [], 'the world is as its definition says');
      const { problems, calls, routes } = await probeWorld(world);
      t.diagnostic(
        `${world.people.length} people, ${world.records.length} records, ${world.items.length} items, ${world.files.length} files, ${routes} routes, ${calls} calls`,
      );
      assert.deepEqual(problems, []);
      assert.deepEqual(world.server.storage.warnings, []);
    });
  }
});
