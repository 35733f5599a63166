import type { AppDefinition, Platform } from '@tessera/core';
import type { WriteBackInput } from './plan-write-back.ts';
import type { WriteBackConfigValue } from './write-back-config.ts';
import { CREATED_VARIABLE, writeBackVariables } from './write-back-variables.ts';

export interface WriteBackScope {
  readonly platform: Platform;
  readonly app: AppDefinition;
  /** The table of the flow whose record the expressions read. */
  readonly from: string;
  readonly config: WriteBackConfigValue;
  readonly values: Readonly<Record<string, unknown>>;
  readonly now: string;
  readonly user: string;
  /** Node id → record id(s) the instance's earlier create write-backs made. */
  readonly created?: WriteBackInput['created'];
}

/**
 * What `planWriteBack` needs for one write-back (a sub-flow's mapping too): the flow table's
 * environment with `target` typed as the target table and the node's variables (`created`,
 * a forEach's `row` and `index`), and the target's field types, which turn CEL results into
 * stored values.
 */
export function writeBackInput(scope: WriteBackScope): Omit<WriteBackInput, 'target'> {
  const { platform, app, config } = scope;
  const target = app.tables.find((table) => table.id === config.target);
  return {
    config,
    environment: platform.expressions(app, scope.from, config.target, writeBackVariables(config)),
    values: scope.values,
    ...(scope.created === undefined ? {} : { created: scope.created }),
    now: scope.now,
    currentUser: { id: scope.user, name: scope.user, department: '' },
    fieldOf: (id) => {
      const field = target?.fields.find((one) => one.id === id);
      const type = field && platform.fieldTypes.get(field.type);
      return field && type ? { field, type } : undefined;
    },
  };
}

/** What a write-back's forEach is evaluated in: the flow table with `created`, no row. */
export function forEachEnvironment(scope: Pick<WriteBackScope, 'platform' | 'app' | 'from'>) {
  return scope.platform.expressions(scope.app, scope.from, undefined, [CREATED_VARIABLE]);
}
