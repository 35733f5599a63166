import semver from 'semver';
import type { DataMigration, PackManifest } from '../model/pack.ts';

type Step = DataMigration['steps'][number];

/**
 * The data migrations that take records from `installed` to the pack's version, in order: the
 * first whose `from` range holds the installed version, then the first whose range holds its
 * `to`, and so on up to the pack's version. Refuses a chain that loops or overshoots.
 */
export function migrationPath(pack: PackManifest, installed: string): DataMigration[] {
  const path: DataMigration[] = [];
  let at = installed;
  const seen = new Set<DataMigration>();
  for (;;) {
    const next = (pack.migrations ?? []).find(
      (one) => !seen.has(one) && semver.satisfies(at, one.from, { includePrerelease: true }),
    );
    if (!next || semver.gt(next.to, pack.version) || !semver.gt(next.to, at)) return path;
    seen.add(next);
    path.push(next);
    at = next.to;
  }
}

/** The steps of a migration path that concern one table. */
export const stepsFor = (path: readonly DataMigration[], table: string): Step[] =>
  path.flatMap((migration) => migration.steps.filter((step) => step.table === table));

/**
 * A record's values after the steps, pure but for `evaluate` (a `setField` value, CEL over the
 * values as they are at that step). A rename moves the value when there is one; a removal
 * drops it; a set writes what the expression gives (nothing when it gives null).
 */
export function migrateValues(
  values: Readonly<Record<string, unknown>>,
  steps: readonly Step[],
  evaluate: (expression: string, field: string, values: Record<string, unknown>) => unknown,
): Record<string, unknown> {
  let out: Record<string, unknown> = { ...values };
  for (const step of steps) {
    if (step.op === 'renameField') {
      if (out[step.from] === undefined) continue;
      const { [step.from]: moved, ...rest } = out;
      out = { ...rest, [step.to]: moved };
    } else if (step.op === 'removeField') {
      const { [step.field]: _gone, ...rest } = out;
      out = rest;
    } else {
      const value = evaluate(step.value, step.field, out);
      if (value === null || value === undefined) {
        const { [step.field]: _gone, ...rest } = out;
        out = rest;
      } else out = { ...out, [step.field]: value };
    }
  }
  return out;
}
