import type { AssigneeRule, FlowDefinition } from '@tessera/core';
import type { Organisation, OrgDepartment, OrgUser } from '@tessera/runtime/flow';
import type { UserFields } from '../accounts/user-document.ts';
import { readUser, USER_TYPE } from '../accounts/user-document.ts';
import { readDepartment } from '../organisation/department-document.ts';
import { readAppRoles } from '../records/app-roles.ts';
import { readAll } from '../storage/read-page.ts';
import { INDEX } from '../storage/storage-indexes.ts';
import type { StoreContext } from '../storage/store-context.ts';

/** Deepest manager chain or department climb a rule may ask for (the schema's maximum). */
const MAX_LEVELS = 10;

export interface SnapshotInput {
  readonly app: string;
  readonly flow: FlowDefinition;
  readonly initiator: string;
  readonly values: Readonly<Record<string, unknown>>;
  /** Users a command names (transfer to, signers added). */
  readonly users?: readonly string[];
}

/** Every assignee rule anywhere in a flow's node configs (assignees, recipients, supervisors …). */
function rulesOf(flow: FlowDefinition): AssigneeRule[] {
  const found: AssigneeRule[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const kind = (value as { kind?: unknown }).kind;
      if (
        typeof kind === 'string' &&
        ['user', 'role', 'initiator', 'departmentHead', 'manager', 'field', 'department'].includes(
          kind,
        )
      ) {
        found.push(value as AssigneeRule);
      }
      Object.values(value).forEach(visit);
    }
  };
  for (const node of flow.nodes) visit(node.config);
  return found;
}

const idsIn = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter(
    (one): one is string => typeof one === 'string' && one.length > 0,
  );

/** Ids the flow's rules read from an item's values (`field` rules, `departmentHead.of`). */
const idsReadFrom = (rules: readonly AssigneeRule[], values: SnapshotInput['values']) =>
  rules.flatMap((rule) => {
    if (rule.kind === 'field') return idsIn(values[rule.field]);
    return rule.kind === 'departmentHead' && rule.of ? idsIn(values[rule.of]) : [];
  });

/**
 * Whether a snapshot loaded with `loaded` values still serves the item with `values` (after an
 * edit): it does unless the new values name someone or some department the old ones did not.
 */
export function snapshotServes(
  flow: FlowDefinition,
  loaded: SnapshotInput['values'],
  values: SnapshotInput['values'],
): boolean {
  const rules = rulesOf(flow);
  const known = new Set(idsReadFrom(rules, loaded));
  return idsReadFrom(rules, values).every((id) => known.has(id));
}

/**
 * Loads the part of the organisation a command can reach — the initiator, their manager chain
 * and departments up to the root with their heads, the app's role holders, departments named
 * by rules, users named by rules, fields and the command — so the engine resolves assignees
 * synchronously over it (decision 0019).
 */
export async function loadOrganisation(
  context: StoreContext,
  input: SnapshotInput,
): Promise<Organisation> {
  const { storage } = context;
  const users = new Map<string, OrgUser>();
  const departments = new Map<string, OrgDepartment>();
  const members = new Map<string, string[]>();

  const toOrgUser = (id: string, doc: UserFields): OrgUser => ({
    id,
    name: doc.displayName,
    active: doc.active,
    ...(doc.department ? { department: doc.department } : {}),
    ...(doc.manager ? { manager: doc.manager } : {}),
  });
  const loadUsers = async (ids: Iterable<string>) => {
    const wanted = [...new Set(ids)].filter((id) => !users.has(id));
    const docs = await Promise.all(wanted.map((id) => readUser(storage, id)));
    docs.forEach((doc, index) => {
      if (doc) users.set(wanted[index]!, toOrgUser(wanted[index]!, doc));
    });
  };
  const loadDepartments = async (ids: Iterable<string>): Promise<void> => {
    const wanted = [...new Set(ids)].filter((id) => !departments.has(id));
    if (wanted.length === 0) return;
    const docs = await Promise.all(wanted.map((id) => readDepartment(storage, id)));
    const heads: string[] = [];
    const ancestors: string[] = [];
    docs.forEach((doc, index) => {
      const id = wanted[index]!;
      if (!doc) return;
      departments.set(id, {
        id,
        name: doc.name,
        ...(doc.parent ? { parent: doc.parent } : {}),
        ...(doc.head ? { head: doc.head } : {}),
      });
      if (doc.head) heads.push(doc.head);
      ancestors.push(...doc.path); // the whole climb to the root comes with the path
    });
    await loadUsers(heads);
    await loadDepartments(ancestors);
  };
  const loadMembers = async (department: string) => {
    if (members.has(department)) return;
    const docs = await readAll<UserFields>(storage, {
      index: INDEX.usersByDepartment,
      selector: { type: USER_TYPE, department },
    });
    members.set(
      department,
      docs.map((doc) => doc._id),
    );
    for (const doc of docs) users.set(doc._id, toOrgUser(doc._id, doc));
  };

  const rules = rulesOf(input.flow);
  const named = new Set<string>([input.initiator, ...(input.users ?? [])]);
  for (const rule of rules) {
    if (rule.kind === 'user') for (const id of rule.users) named.add(id);
    if (rule.kind === 'field' || (rule.kind === 'departmentHead' && rule.of)) {
      for (const id of idsIn(input.values[rule.kind === 'field' ? rule.field : rule.of!])) {
        named.add(id);
      }
    }
  }
  await loadUsers(named);
  // the manager chain, one level per round
  let current: string | undefined = input.initiator;
  for (let level = 0; level < MAX_LEVELS && current; level += 1) {
    current = users.get(current)?.manager;
    if (current) await loadUsers([current]);
  }
  const departmentIds = new Set<string>();
  for (const user of users.values()) if (user.department) departmentIds.add(user.department);
  for (const rule of rules) {
    if (rule.kind !== 'departmentHead' || !rule.of) continue;
    for (const id of idsIn(input.values[rule.of])) departmentIds.add(id);
  }
  await loadDepartments(departmentIds);

  const mapping = await readAppRoles(storage, input.app);
  const roleUsers = new Map<string, string[]>();
  for (const rule of rules) {
    if (rule.kind === 'department') await loadMembers(rule.department);
    if (rule.kind !== 'role' || roleUsers.has(rule.role)) continue;
    const held = mapping?.roles[rule.role];
    const ids = [...(held?.users ?? [])];
    for (const department of held?.departments ?? []) {
      await loadMembers(department);
      ids.push(...(members.get(department) ?? []));
    }
    await loadUsers(ids);
    roleUsers.set(rule.role, [...new Set(ids)]);
  }

  return {
    user: (id) => users.get(id),
    department: (id) => departments.get(id),
    roleMembers: (role) => roleUsers.get(role) ?? [],
    departmentMembers: (id) => members.get(id) ?? [],
  };
}
