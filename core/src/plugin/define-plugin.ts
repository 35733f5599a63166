import type { ActionDefinition } from './action.ts';
import type { FieldTypeDefinition } from './field-type.ts';
import type { FunctionDefinition } from './function.ts';
import type { NodeTypeDefinition } from './node-type.ts';
import type { ViewTypeDefinition } from './view-type.ts';

// Definitions are stored together whatever their config type: the registry erases it.
// biome-ignore lint/suspicious/noExplicitAny: a registry holds field types of every config shape
type AnyConfig = any;

/**
 * A plugin: a plain object naming what it contributes. Registries are per platform
 * instance; nothing registers on import (STYLE 2).
 */
export interface Plugin {
  /** npm-style name, e.g. `@tessera/plugin-field-basic`. */
  readonly name: string;
  /** Its semantic version. */
  readonly version: string;
  /** Other plugins it needs: name → semver range. */
  readonly requires?: Readonly<Record<string, string>>;
  readonly fieldTypes?: readonly FieldTypeDefinition<AnyConfig>[];
  readonly nodeTypes?: readonly NodeTypeDefinition<AnyConfig>[];
  readonly functions?: readonly FunctionDefinition[];
  readonly viewTypes?: readonly ViewTypeDefinition<AnyConfig>[];
  readonly actions?: readonly ActionDefinition<AnyConfig>[];
}

export function definePlugin<const P extends Plugin>(plugin: P): P {
  return plugin;
}
