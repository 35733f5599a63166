import {
  createExpressionEnvironment,
  type ExpressionEnvironment,
} from '../expression/environment.ts';
import type { Locale } from '../i18n/localized.ts';
import { DefinitionError, type Issue } from '../issues/issue.ts';
import { CORE_MIGRATIONS, type MigrationSet } from '../migrate/migrations.ts';
import type { AppDefinition } from '../model/app.ts';
import type { PackManifest } from '../model/pack.ts';
import type { TableDefinition } from '../model/table.ts';
import type { ActionDefinition } from '../plugin/action.ts';
import type { Plugin } from '../plugin/define-plugin.ts';
import type { FieldTypeDefinition } from '../plugin/field-type.ts';
import type { FunctionDefinition } from '../plugin/function.ts';
import type { NodeTypeDefinition, NodeVariable } from '../plugin/node-type.ts';
import type { ViewTypeDefinition } from '../plugin/view-type.ts';
import type { JsonSchema } from '../schema/validate-schema.ts';
import { createAppContext } from '../validate/app-context.ts';
import { checkRules } from '../validate/record-checks.ts';
import {
  type DefinitionKind,
  type ValidationResult,
  validateDefinition,
} from '../validate/validate-definition.ts';
import { validateRecord } from '../validate/validate-record.ts';
import { recordSchema } from './record-schema.ts';
import { registerPlugins } from './register-plugins.ts';
import { Registry } from './registry.ts';
import { tableVariables, variablesKey } from './table-variables.ts';

export interface PlatformOptions {
  readonly plugins: readonly Plugin[];
  /** Definition migrations; Tessera's own by default (tests pass their own). */
  readonly migrations?: MigrationSet;
}

export interface Platform {
  readonly plugins: readonly Plugin[];
  readonly fieldTypes: Registry<FieldTypeDefinition>;
  readonly nodeTypes: Registry<NodeTypeDefinition>;
  readonly viewTypes: Registry<ViewTypeDefinition>;
  readonly actions: Registry<ActionDefinition>;
  readonly functions: readonly FunctionDefinition[];
  /** Migrates and checks an app definition; never throws for bad input. */
  validateApp(input: unknown): ValidationResult<AppDefinition>;
  /** Migrates and checks a pack manifest, including its plugin requirements and demo data. */
  validatePack(input: unknown): ValidationResult<PackManifest>;
  /** Like validateApp, but throws DefinitionError listing every issue. */
  loadApp(input: unknown): AppDefinition;
  loadPack(input: unknown): PackManifest;
  /**
   * The typed expression environment of a table: its fields as variables (plus `now`, and
   * `target` typed as another table's record for write-backs, and a node's `extra` variables
   * such as a forEach's `row`). Built once and cached.
   */
  expressions(
    app: AppDefinition,
    tableId: string,
    target?: string,
    extra?: readonly NodeVariable[],
  ): ExpressionEnvironment;
  /** JSON Schema of a table's records, from its field types. */
  recordSchema(app: AppDefinition, tableId: string): JsonSchema;
  validateRecord(app: AppDefinition, tableId: string, record: unknown, locale?: Locale): Issue[];
  /** The field naming a table's records: its `titleField`, else its first field of a type that `titles`. */
  titleField(table: TableDefinition): string | undefined;
}

/** Creates an isolated platform: its own registries, filled from the given plugins only. */
export function createPlatform(options: PlatformOptions): Platform {
  const fieldTypes = new Registry<FieldTypeDefinition>('field type');
  const nodeTypes = new Registry<NodeTypeDefinition>('node type');
  const viewTypes = new Registry<ViewTypeDefinition>('view type');
  const actions = new Registry<ActionDefinition>('action');
  const functions: FunctionDefinition[] = [];
  const installed = registerPlugins(options.plugins, {
    fieldTypes,
    nodeTypes,
    viewTypes,
    actions,
    functions,
  });
  const migrations = options.migrations ?? CORE_MIGRATIONS;
  const fieldType = (type: string) => fieldTypes.get(type);
  const environments = new WeakMap<TableDefinition, Map<string, ExpressionEnvironment>>();

  const environment = (
    app: AppDefinition,
    table: TableDefinition,
    target?: TableDefinition,
    extra?: readonly NodeVariable[],
  ): ExpressionEnvironment => {
    const cache = environments.get(table) ?? new Map<string, ExpressionEnvironment>();
    environments.set(table, cache);
    const key = `${target?.id ?? ''}|${variablesKey(extra)}`;
    let found = cache.get(key);
    if (!found) {
      const ctx = createAppContext(app, { fieldType, environment });
      found = createExpressionEnvironment({
        variables: tableVariables(ctx, table, target, extra),
        functions,
      });
      cache.set(key, found);
    }
    return found;
  };
  const tableOf = (app: AppDefinition, id: string): TableDefinition => {
    const table = app.tables.find((one) => one.id === id);
    if (!table) throw new RangeError(`app "${app.id}" has no table "${id}"`);
    return table;
  };
  const validate = <K extends DefinitionKind>(kind: K, input: unknown) =>
    validateDefinition(kind, input, {
      migrations,
      installed,
      fieldTypes,
      nodeTypes,
      viewTypes,
      environment,
    });
  const load = <K extends DefinitionKind>(kind: K, input: unknown) => {
    const result = validate(kind, input);
    if (!result.ok) throw new DefinitionError(result.issues, kind);
    return result.value;
  };

  const platform: Platform = {
    plugins: options.plugins,
    fieldTypes,
    nodeTypes,
    viewTypes,
    actions,
    functions,
    validateApp: (input) => validate('app', input) as ValidationResult<AppDefinition>,
    validatePack: (input) => validate('pack', input) as ValidationResult<PackManifest>,
    loadApp: (input) => load('app', input) as AppDefinition,
    loadPack: (input) => load('pack', input) as PackManifest,
    expressions(app, tableId, target, extra) {
      return environment(
        app,
        tableOf(app, tableId),
        target === undefined ? undefined : tableOf(app, target),
        extra,
      );
    },
    recordSchema(app, tableId) {
      const table = tableOf(app, tableId);
      return recordSchema(createAppContext(app, { fieldType, environment }), table);
    },
    validateRecord(app, tableId, record, locale) {
      const dictionaries = new Map((app.dictionaries ?? []).map((one) => [one.id, one]));
      const table = tableOf(app, tableId);
      const issues = validateRecord(table, record, fieldType, {
        dictionary: (id) => dictionaries.get(id),
        fieldType,
        ...(locale ? { locale } : {}),
      });
      if (record === null || typeof record !== 'object' || Array.isArray(record)) return issues;
      // a field already refused, or left empty, is not judged by its rules as well
      const values = record as Record<string, unknown>;
      const skip = new Set(issues.map((found) => found.path.split('/')[1] ?? ''));
      for (const field of table.fields) {
        const value = values[field.id];
        if (value === undefined || value === null || fieldType(field.type)?.form.isEmpty(value)) {
          skip.add(field.id);
        }
      }
      return [...issues, ...checkRules(table, values, platform.expressions(app, tableId), skip)];
    },
    titleField: (table) =>
      table.titleField ?? table.fields.find((field) => fieldType(field.type)?.titles)?.id,
  };
  return platform;
}
