/** `contract_archive` → `ContractArchive`, `leaveRequest` → `LeaveRequest`. */
export function pascalCase(id: string): string {
  return id
    .split(/_+/)
    .filter((part) => part !== '')
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/**
 * Distinct names for ids whose PascalCase forms collide (`a_b`, `aB`): `AB`, `AB2`; names in
 * `reserved` are taken already.
 */
export function uniqueNames(
  ids: readonly string[],
  reserved: readonly string[] = [],
): Map<string, string> {
  const taken = new Set<string>(reserved);
  const names = new Map<string, string>();
  for (const id of ids) {
    const base = pascalCase(id) || 'Table';
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
    taken.add(name);
    names.set(id, name);
  }
  return names;
}
