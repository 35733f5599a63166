import type { Role, Scope, TableId } from './authorisation-spec.ts';
import type { Person, RecordFact, World } from './authorisation-world.ts';

/**
 * The oracle of the authorisation property test: what each caller may see, worked out from
 * the world's definition alone (row scopes, the people on each item, who uploaded what),
 * never read back from the server; and the search of an answer for what lies outside it.
 */

/** Whether a person holds an app role, and their widest row scope on a table (oracle). */
export function accessOf(
  world: Pick<World, 'roles' | 'rows'>,
  person: Pick<Person, 'id' | 'admin' | 'department'>,
  table: TableId,
): { member: boolean; scope: Scope } {
  if (person.admin) return { member: true, scope: 'all' };
  const held = (Object.keys(world.roles) as Role[]).filter(
    (role) =>
      world.roles[role].users.includes(person.id) ||
      (person.department !== undefined &&
        world.roles[role].departments.includes(person.department)),
  );
  const order: Scope[] = ['own', 'department', 'all'];
  let widest: Scope = 'own';
  for (const role of held) {
    const rule = world.rows[table][role] ?? 'own';
    if (order.indexOf(rule) > order.indexOf(widest)) widest = rule;
  }
  if (widest === 'department' && person.department === undefined) widest = 'own';
  return { member: held.length > 0, scope: widest };
}

/** Whether the person's row scope holds the record (oracle). */
export function reads(
  world: Pick<World, 'roles' | 'rows'>,
  person: Pick<Person, 'id' | 'admin' | 'department'>,
  record: Pick<RecordFact, 'table' | 'createdBy' | 'createdByDepartment'>,
): boolean {
  const { scope } = accessOf(world, person, record.table);
  if (scope === 'all') return true;
  if (scope === 'department') return record.createdByDepartment === person.department;
  return record.createdBy === person.id;
}

/** What one caller may see; `person` is absent for an anonymous caller. */
export interface Sight {
  readonly person?: Person;
  /** Platform roles: `admin`, `user`, none when anonymous. */
  readonly roles: readonly string[];
  /** Records in their row scope. */
  readonly records: ReadonlySet<string>;
  /** Flow items they may open: drafts their own; others theirs, on them, admin, or scope. */
  readonly items: ReadonlySet<string>;
  /** Records whose values they may see one way or another (scope, or an item they may open). */
  readonly known: ReadonlySet<string>;
  /** Records whose id (not values) they may meet: linked from one they know, or of an item they were on. */
  readonly refs: ReadonlySet<string>;
  /** Files they may download. */
  readonly files: ReadonlySet<string>;
  /** Files whose entry they may meet in a record they know, or their own uploads. */
  readonly fileRefs: ReadonlySet<string>;
}

export function sightOf(world: World, person: Person | undefined): Sight {
  if (!person) {
    const none = new Set<string>();
    return {
      roles: [],
      records: none,
      items: none,
      known: none,
      refs: none,
      files: none,
      fileRefs: none,
    };
  }
  const records = new Set(
    world.records.filter((one) => reads(world, person, one)).map((one) => one.id),
  );
  const items = new Set(
    world.items
      .filter((item) =>
        item.status === 'draft'
          ? item.initiator === person.id
          : item.initiator === person.id ||
            item.onItem.has(person.id) ||
            person.admin ||
            records.has(item.record),
      )
      .map((item) => item.id),
  );
  const known = new Set([
    ...records,
    ...world.items.filter((item) => items.has(item.id)).map((item) => item.record),
  ]);
  const knownFacts = world.records.filter((one) => known.has(one.id));
  // the ids (not the values) of items they were on stay theirs, also once redrafted
  const held = world.items
    .filter((item) => item.initiator === person.id || item.onItem.has(person.id))
    .map((item) => item.record);
  const refs = new Set([
    ...known,
    ...held,
    ...knownFacts.flatMap((one) => (one.budget ? [one.budget] : [])),
  ]);
  const files = new Set(
    world.files
      .filter((file) =>
        file.record === undefined ? file.uploadedBy === person.id : records.has(file.record),
      )
      .map((file) => file.id),
  );
  const fileRefs = new Set([...files, ...knownFacts.flatMap((one) => one.files)]);
  return {
    person,
    roles: [person.admin ? 'admin' : 'user'],
    records,
    items,
    known,
    refs,
    files,
    fileRefs,
  };
}

const idTail = (id: string) => id.slice(id.indexOf(':') + 1);

/**
 * What a text (a JSON answer, a CSV, an export's cells) holds that the caller may not see:
 * a record's marker or id outside what they know, a file's name or id outside their files.
 */
export function leaksIn(text: string, world: World, sight: Sight): string[] {
  const found: string[] = [];
  for (const record of world.records) {
    if (sight.known.has(record.id)) continue;
    if (record.markers.some((one) => text.includes(one)))
      found.push(`the values of ${record.table} ${record.id}`);
    else if (!sight.refs.has(record.id) && text.includes(idTail(record.id)))
      found.push(`the id of ${record.table} ${record.id}`);
  }
  for (const file of world.files) {
    if (sight.fileRefs.has(file.id)) continue;
    if (text.includes(file.name.slice(0, -4))) found.push(`the name of file ${file.id}`);
    else if (text.includes(idTail(file.id))) found.push(`the id of file ${file.id}`);
  }
  return found;
}
