import type { Hono } from 'hono';
import type { ApiEnv } from '../src/index.ts';
import {
  ORIGIN,
  patchFresh,
  type Session,
  signIn,
  startTestServer,
  type TestServer,
} from './accounts-helpers.ts';
import { accessOf, reads } from './authorisation-oracle.ts';
import {
  APP,
  authorisationApp,
  ROLES,
  type Role,
  type Stage,
  TABLES,
  type TableId,
  type WorldSpec,
} from './authorisation-spec.ts';

/**
 * A generated world for the authorisation property test: a department tree, people (admins,
 * plain users, department heads), one published app whose roles are mapped to people and
 * departments with a row scope per role per table, and records, flow items, files, inbox
 * entries and notices made by those people through the API. Everything the oracle needs is
 * kept from the world's definition, never read back from the server.
 */

const PASSWORD = 'correct horse battery';

export interface Person {
  readonly name: string;
  readonly session: Session;
  readonly id: string;
  readonly admin: boolean;
  readonly department?: string;
}

export interface RecordFact {
  readonly id: string;
  readonly table: TableId;
  /** In its title now. */
  readonly marker: string;
  /** Every marker its title ever held. */
  readonly markers: readonly string[];
  readonly createdBy: string;
  readonly createdByDepartment?: string;
  readonly amountCents: number;
  readonly budget?: string;
  readonly files: readonly string[];
}

export interface ItemFact {
  /** The item id: the record id without `record:`. */
  readonly id: string;
  readonly record: string;
  readonly initiator: string;
  readonly status: 'draft' | 'running' | 'approved' | 'rejected';
  readonly stage?: Stage;
  /** Who holds or held a task on it (the head, the CC'd directors, the finance people). */
  readonly onItem: ReadonlySet<string>;
  /** Who holds an open approval task now. */
  readonly todo: ReadonlySet<string>;
  /** Who got it to read (知会). */
  readonly cc: ReadonlySet<string>;
}

export interface FileFact {
  readonly id: string;
  readonly name: string;
  readonly uploadedBy: string;
  readonly record?: string;
}

export interface World {
  readonly index: number;
  readonly spec: WorldSpec;
  readonly server: TestServer;
  readonly app: Hono<ApiEnv>;
  /** The first admin, then the generated people. */
  readonly people: readonly Person[];
  readonly departments: readonly string[];
  readonly heads: ReadonlyMap<string, string>;
  readonly roles: Readonly<Record<Role, { users: string[]; departments: string[] }>>;
  readonly rows: WorldSpec['rows'];
  readonly records: RecordFact[];
  readonly items: ItemFact[];
  readonly files: FileFact[];
  /** Starts the definition asked for that the server refused, with why it had to. */
  readonly refusedStarts: { by: string; reason: string; status: number }[];
  /** An API token of the generated admin (only they may see or delete it). */
  readonly token: string;
}

/** An answer in every form a check may want: status, type, text, bytes and parsed JSON. */
export interface Reply {
  readonly status: number;
  readonly type: string;
  readonly text: string;
  readonly bytes: Uint8Array;
  readonly json: unknown;
}

export interface SendOptions {
  readonly as?: Session;
  readonly body?: unknown;
  readonly form?: FormData;
  readonly headers?: Record<string, string>;
}

/** Calls the API as a browser would (no open port); any content type comes back. */
export async function send(
  app: Hono<ApiEnv>,
  method: string,
  path: string,
  options: SendOptions = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.as) {
    headers.cookie = `tessera_session=${options.as.cookie}`;
    if (method !== 'GET') {
      headers.origin = ORIGIN;
      headers['x-csrf-token'] = options.as.csrf;
    }
  }
  let body: string | FormData | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await app.request(path, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const type = response.headers.get('content-type') ?? '';
  const text = /zip|spreadsheet|octet-stream|pdf/.test(type) ? '' : new TextDecoder().decode(bytes);
  let json: unknown;
  if (type.includes('json')) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  return { status: response.status, type, text, bytes, json };
}

const expect = (reply: Reply, status: number, what: string): Record<string, unknown> => {
  if (reply.status !== status) {
    throw new Error(`building the world, ${what}: ${reply.status} ${reply.text.slice(0, 300)}`);
  }
  return reply.json as Record<string, unknown>;
};

/** A form with one PDF of `size` bytes named `name`. */
export function pdfForm(name: string, size = 64, type = 'application/pdf'): FormData {
  const bytes = new Uint8Array(size).fill(0x2a);
  bytes.set(new TextEncoder().encode('%PDF-'));
  const form = new FormData();
  form.append('file', new File([bytes], name, { type }));
  return form;
}

export const marker = (world: number, kind: 'R' | 'F', n: number) =>
  `MK${world}${kind}${String(n).padStart(2, '0')}X`;

/** Active members of a role: its users and the people of its departments (oracle). */
function roleHolders(world: Pick<World, 'roles' | 'people'>, role: Role): string[] {
  const mapped = world.roles[role];
  return world.people
    .filter(
      (person) =>
        mapped.users.includes(person.id) ||
        (person.department !== undefined && mapped.departments.includes(person.department)),
    )
    .map((person) => person.id);
}

/** Builds the world a spec defines, through the API only. */
export async function buildWorld(spec: WorldSpec, index: number): Promise<World> {
  const server = await startTestServer();
  const { app } = server;
  const first = await signIn(app, 'admin', server.admin.password);
  const departments: string[] = [];
  for (const [at, parent] of spec.parents.entries()) {
    const body = {
      name: `w${index}-d${at}`,
      ...(at > 0 ? { parent: departments[parent % at] } : {}),
    };
    departments.push(
      String(
        expect(await send(app, 'POST', '/api/departments', { as: first, body }), 201, 'department')
          .id,
      ),
    );
  }
  const people: Person[] = [{ name: 'admin', session: first, id: first.user.id, admin: true }];
  for (const [at, one] of spec.people.entries()) {
    const name = `w${index}p${at}`;
    const department = one.department === null ? undefined : departments[one.department];
    const body = {
      username: name,
      password: PASSWORD,
      roles: [at === 0 ? 'admin' : 'user'],
      ...(department ? { department } : {}),
    };
    expect(await send(app, 'POST', '/api/users', { as: first, body }), 201, `user ${name}`);
    const session = await signIn(app, name, PASSWORD);
    people.push({
      name,
      session,
      id: session.user.id,
      admin: at === 0,
      ...(department ? { department } : {}),
    });
  }
  const generated = people.slice(1);
  const heads = new Map<string, string>();
  for (const [at, pick] of spec.heads.entries()) {
    const department = departments[at]!;
    const members = generated.filter((person) => person.department === department);
    if (pick === null || members.length === 0) continue;
    const head = members[pick % members.length]!;
    const path = `/api/departments/${department}`;
    const answer = await patchFresh(app, first, path, { head: head.id });
    if (answer.status !== 200)
      throw new Error(`head: ${answer.status} ${JSON.stringify(answer.json)}`);
    heads.set(department, head.id);
  }
  const roles = Object.fromEntries(
    ROLES.map((role) => [
      role,
      {
        users: spec.roles[role].users.map((at) => generated[at % generated.length]!.id),
        departments: spec.roles[role].departments.map(
          (at) => departments[at % departments.length]!,
        ),
      },
    ]),
  ) as World['roles'];
  const rows = Object.fromEntries(
    TABLES.map((table) => [
      table,
      Object.fromEntries(Object.entries(spec.rows[table]).filter(([, rule]) => rule !== undefined)),
    ]),
  ) as WorldSpec['rows'];
  expect(await send(app, 'POST', '/api/apps', { as: first, body: authorisationApp() }), 201, 'app');
  expect(
    await send(app, 'POST', `/api/apps/${APP}/publish`, { as: first, body: {} }),
    201,
    'publish',
  );
  expect(
    await send(app, 'PUT', `/api/apps/${APP}/roles`, { as: first, body: { roles, rows } }),
    200,
    'roles',
  );
  const world = {
    index,
    spec,
    server,
    app,
    people,
    departments,
    heads,
    roles,
    rows,
    records: [] as RecordFact[],
    items: [] as ItemFact[],
    files: [] as FileFact[],
    refusedStarts: [] as World['refusedStarts'],
    token: '',
  };
  const members = people.filter((person) => accessOf(world, person, 'expense').member);
  const personOf = (id: string) => people.find((person) => person.id === id)!;
  let made = 0;

  for (const budget of spec.budgets) {
    const by = members[budget.by % members.length]!;
    const mark = marker(index, 'R', made++);
    const created = expect(
      await send(app, 'POST', `/api/apps/${APP}/tables/budget/records`, {
        as: by.session,
        body: { values: { name: `budget ${mark}`, total: '1000.00' } },
      }),
      201,
      'budget',
    );
    world.records.push({
      id: String(created.id),
      table: 'budget',
      marker: mark,
      markers: [mark],
      createdBy: by.id,
      ...(by.department ? { createdByDepartment: by.department } : {}),
      amountCents: 0,
      files: [],
    });
  }

  const finance = roleHolders(world, 'finance');
  const directors = roleHolders(world, 'director');
  let files = 0;
  // drafters under a head other than themselves: their items reach someone else first
  const headed = members.filter(
    (one) => one.department && heads.has(one.department) && heads.get(one.department) !== one.id,
  );
  for (const expense of spec.expenses) {
    const from = expense.headless || headed.length === 0 ? members : headed;
    const by = from[expense.by % from.length]!;
    const mark = marker(index, 'R', made++);
    const budgets = world.records.filter((one) => one.table === 'budget' && reads(world, by, one));
    const budget =
      expense.budget === null || budgets.length === 0
        ? undefined
        : budgets[expense.budget % budgets.length]!.id;
    const values: Record<string, unknown> = {
      title: `claim ${mark}`,
      amount: `${expense.amount}.00`,
      ...(budget ? { budgetLine: budget } : {}),
    };
    let file: FileFact | undefined;
    if (expense.attach) {
      const name = `${marker(index, 'F', files++)}.pdf`;
      const uploaded = expect(
        await send(app, 'POST', `/api/apps/${APP}/tables/expense/fields/receipt/files`, {
          as: by.session,
          form: pdfForm(name),
        }),
        201,
        'upload',
      );
      values.receipt = [uploaded];
      file = { id: String(uploaded.id), name, uploadedBy: by.id };
    }
    const head = by.department ? heads.get(by.department) : undefined;
    const started = await send(app, 'POST', `/api/apps/${APP}/flows/claim/items`, {
      as: by.session,
      body: { values, ...(expense.draft ? { submit: false } : {}) },
    });
    if (!expense.draft && head === undefined) {
      // nobody heads the drafter's department: the flow refuses the start and stores nothing
      world.refusedStarts.push({ by: by.id, reason: 'no department head', status: started.status });
      if (file) world.files.push(file);
      continue;
    }
    const item = expect(started, 201, 'start');
    const id = String(item.id);
    const record = `record:${id}`;
    const fact: RecordFact = {
      id: record,
      table: 'expense',
      marker: mark,
      markers: [mark],
      createdBy: by.id,
      ...(by.department ? { createdByDepartment: by.department } : {}),
      amountCents: expense.amount * 100,
      ...(budget ? { budget } : {}),
      files: file ? [file.id] : [],
    };
    world.records.push(fact);
    if (file) world.files.push({ ...file, record });
    if (expense.draft) {
      world.items.push({
        id,
        record,
        initiator: by.id,
        status: 'draft',
        onItem: new Set(),
        todo: new Set(),
        cc: new Set(),
      });
      continue;
    }
    const act = async (as: Person, type: string, more: Record<string, unknown> = {}) => {
      const seen = expect(
        await send(app, 'GET', `/api/flow-items/${id}`, { as: as.session }),
        200,
        'item',
      );
      const task = (seen.mine as { id: string; kind: string }[]).find((one) => one.kind !== 'cc');
      if (!task) throw new Error(`${as.name} holds no task on ${id}`);
      expect(
        await send(app, 'POST', `/api/flow-items/${id}/commands`, {
          as: as.session,
          body: { type, task: task.id, ...more },
        }),
        200,
        `${type} by ${as.name}`,
      );
    };
    const stage = expense.stage;
    const onItem = new Set([head!]);
    if (stage === 'rejected') await act(personOf(head!), 'reject');
    if (stage === 'finance' || stage === 'approved' || stage === 'reworked') {
      await act(personOf(head!), 'approve');
      for (const one of [...directors, ...finance]) onItem.add(one);
    }
    const payer = personOf(roles.finance.users[0]!);
    if (stage === 'approved') await act(payer, 'approve');
    const command = (body: Record<string, unknown>, what: string) =>
      send(app, 'POST', `/api/flow-items/${id}/commands`, { as: by.session, body }).then((reply) =>
        expect(reply, 200, what),
      );
    if (stage === 'reworked') {
      await act(payer, 'return', { to: 'drafter' });
      await command({ type: 'submit' }, 'resubmit');
    }
    const running = stage === 'head' || stage === 'finance';
    const redrafted = stage === 'withdrawn' || stage === 'reworked';
    // a redrafted item is urged first: the head holds a notice about it
    if ((expense.urge && running) || redrafted) await command({ type: 'urge' }, 'urge');
    if (redrafted) {
      const drafted = await command({ type: 'withdraw' }, 'withdraw');
      const renamed = marker(index, 'R', made++);
      const rev = (drafted.record as { _rev: string })._rev;
      await command({ type: 'saveDraft', values: { title: `claim ${renamed}` }, rev }, 'rename');
      world.records[world.records.indexOf(fact)] = {
        ...fact,
        marker: renamed,
        markers: [mark, renamed],
      };
    }
    world.items.push({
      id,
      record,
      initiator: by.id,
      status: redrafted
        ? 'draft'
        : running
          ? 'running'
          : stage === 'approved'
            ? 'approved'
            : 'rejected',
      stage,
      onItem,
      todo: new Set(stage === 'head' ? [head!] : stage === 'finance' ? finance : []),
      cc: new Set(
        stage === 'head' || stage === 'rejected' || stage === 'withdrawn' ? [] : directors,
      ),
    });
  }

  const orphanBy = members[spec.orphanBy % members.length]!;
  const orphanName = `${marker(index, 'F', files++)}.pdf`;
  const orphan = expect(
    await send(app, 'POST', `/api/apps/${APP}/tables/expense/fields/receipt/files`, {
      as: orphanBy.session,
      form: pdfForm(orphanName),
    }),
    201,
    'orphan upload',
  );
  world.files.push({ id: String(orphan.id), name: orphanName, uploadedBy: orphanBy.id });

  const token = expect(
    await send(app, 'POST', '/api/auth/tokens', {
      as: people[1]!.session,
      body: { name: `token of ${people[1]!.name}` },
    }),
    201,
    'token',
  );
  world.token = String(token.id);
  return world;
}
