import type { ExpressionEnvironment } from '../expression/environment.ts';
import { type Issue, issue, pointer } from '../issues/issue.ts';
import { migrateDefinition } from '../migrate/migrate-definition.ts';
import type { MigrationSet } from '../migrate/migrations.ts';
import { type AppDefinition, AppSchema } from '../model/app.ts';
import { type PackManifest, PackSchema } from '../model/pack.ts';
import type { TableDefinition } from '../model/table.ts';
import type { Registry } from '../platform/registry.ts';
import { type InstalledPlugin, unmetRequirement } from '../platform/requires.ts';
import type { FieldTypeDefinition } from '../plugin/field-type.ts';
import type { NodeTypeDefinition } from '../plugin/node-type.ts';
import type { ViewTypeDefinition } from '../plugin/view-type.ts';
import { validateSchema } from '../schema/validate-schema.ts';
import { createAppContext } from './app-context.ts';
import { checkFlows } from './check-flows.ts';
import { checkForms } from './check-forms.ts';
import { checkPack } from './check-pack.ts';
import { checkPublicForms } from './check-public-forms.ts';
import { checkReminders } from './check-reminders.ts';
import { checkTables } from './check-tables.ts';
import { checkViews } from './check-views.ts';
import { migrateConfigs } from './migrate-configs.ts';
import { uniqueIds } from './unique-ids.ts';

export type DefinitionKind = 'app' | 'pack';

export type ValidationResult<T> =
  | {
      readonly ok: true;
      readonly value: T;
      readonly migrated: readonly string[];
      readonly issues: readonly [];
    }
  | { readonly ok: false; readonly issues: readonly Issue[] };

export interface ValidationDeps {
  readonly migrations: MigrationSet;
  readonly installed: ReadonlyMap<string, InstalledPlugin>;
  readonly fieldTypes: Registry<FieldTypeDefinition>;
  readonly nodeTypes: Registry<NodeTypeDefinition>;
  readonly viewTypes: Registry<ViewTypeDefinition>;
  environment(
    app: AppDefinition,
    table: TableDefinition,
    target?: TableDefinition,
  ): ExpressionEnvironment;
}

/**
 * Migrates, then checks in order: structure (JSON Schema), plugin requirements, then meaning
 * (references, field/node/view types and configs, expressions, flow graphs, demo data).
 * Structure problems stop the run, since the later checks rely on the shape.
 */
export function validateDefinition(
  kind: DefinitionKind,
  input: unknown,
  deps: ValidationDeps,
): ValidationResult<AppDefinition | PackManifest> {
  const migrated = migrateDefinition(deps.migrations, kind, input);
  if (!migrated.ok) return { ok: false, issues: migrated.issues };
  const document = migrated.document;
  const structure = validateSchema(kind === 'pack' ? PackSchema : AppSchema, document);
  if (structure.length > 0) return { ok: false, issues: structure };

  const issues: Issue[] = [];
  if (kind === 'pack') {
    for (const [name, range] of Object.entries((document as PackManifest).requires)) {
      const problem = unmetRequirement(deps.installed, name, range);
      if (problem) issues.push(issue(pointer('/requires', name), 'pack.requires', problem));
    }
  }
  const configs = migrateConfigs(document as unknown as AppDefinition, {
    field: (type) => deps.fieldTypes.get(type),
    node: (type) => deps.nodeTypes.get(type),
    view: (type) => deps.viewTypes.get(type),
  });
  if (configs.issues.length > 0) return { ok: false, issues: configs.issues };
  const current = configs.app as unknown as Record<string, unknown>;
  const app = (
    kind === 'pack' ? { ...current, id: (current as PackManifest).name } : current
  ) as AppDefinition;
  const fieldType = (type: string) => deps.fieldTypes.get(type);
  const ctx = createAppContext(app, { fieldType, environment: deps.environment });
  issues.push(
    ...uniqueIds(app.roles ?? [], '/roles', 'role'),
    ...uniqueIds(app.dictionaries ?? [], '/dictionaries', 'dictionary'),
    ...checkTables(ctx, () => deps.fieldTypes.ids()),
    ...checkForms(ctx),
    ...checkFlows(ctx, deps.nodeTypes),
    ...checkViews(ctx, deps.viewTypes),
    ...checkPublicForms(ctx),
    ...checkReminders(ctx),
  );
  if (kind === 'pack') {
    issues.push(
      ...checkPack(ctx, current as PackManifest, {
        fieldType,
        pluginOf: (what, type) =>
          (what === 'field'
            ? deps.fieldTypes
            : what === 'node'
              ? deps.nodeTypes
              : deps.viewTypes
          ).pluginOf(type),
      }),
    );
  }
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    value: current as AppDefinition | PackManifest,
    migrated: migrated.applied,
    issues: [],
  };
}
