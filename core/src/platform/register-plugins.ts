import type { ActionDefinition } from '../plugin/action.ts';
import type { Plugin } from '../plugin/define-plugin.ts';
import type { FieldTypeDefinition } from '../plugin/field-type.ts';
import { type FunctionDefinition, functionName } from '../plugin/function.ts';
import type { NodeTypeDefinition } from '../plugin/node-type.ts';
import type { ViewTypeDefinition } from '../plugin/view-type.ts';
import { PluginError, type Registry } from './registry.ts';
import { type InstalledPlugin, isValidVersion, unmetRequirement } from './requires.ts';

export interface Registries {
  readonly fieldTypes: Registry<FieldTypeDefinition>;
  readonly nodeTypes: Registry<NodeTypeDefinition>;
  readonly viewTypes: Registry<ViewTypeDefinition>;
  readonly actions: Registry<ActionDefinition>;
  readonly functions: FunctionDefinition[];
}

/**
 * Checks the plugins as a set (unique names, valid versions, every `requires` met) and fills
 * the registries. Any problem throws a PluginError naming the plugin and what it needs.
 */
export function registerPlugins(
  plugins: readonly Plugin[],
  into: Registries,
): ReadonlyMap<string, InstalledPlugin> {
  const installed = new Map<string, InstalledPlugin>();
  for (const plugin of plugins) {
    if (typeof plugin?.name !== 'string' || plugin.name === '') {
      throw new PluginError('a plugin has no name; every plugin needs { name, version }');
    }
    if (installed.has(plugin.name)) throw new PluginError(`plugin "${plugin.name}" is given twice`);
    if (typeof plugin.version !== 'string' || !isValidVersion(plugin.version)) {
      throw new PluginError(
        `plugin "${plugin.name}" has version "${String(plugin.version)}", which is not a semantic version such as 1.2.0`,
      );
    }
    installed.set(plugin.name, { name: plugin.name, version: plugin.version });
  }
  for (const plugin of plugins) {
    for (const [name, range] of Object.entries(plugin.requires ?? {})) {
      const problem = unmetRequirement(installed, name, range);
      if (problem) throw new PluginError(`plugin "${plugin.name}" ${problem.en}`);
    }
  }
  const functionNames = new Map<string, string>();
  for (const plugin of plugins) {
    for (const type of plugin.fieldTypes ?? []) into.fieldTypes.add(type.type, type, plugin.name);
    for (const type of plugin.nodeTypes ?? []) into.nodeTypes.add(type.type, type, plugin.name);
    for (const type of plugin.viewTypes ?? []) into.viewTypes.add(type.type, type, plugin.name);
    for (const action of plugin.actions ?? []) into.actions.add(action.id, action, plugin.name);
    for (const fn of plugin.functions ?? []) {
      const key = fn.signature.replace(/\s+/g, '');
      const owner = functionNames.get(key);
      if (owner) {
        throw new PluginError(
          `function "${functionName(fn.signature)}" (${fn.signature}) is contributed by both "${owner}" and "${plugin.name}"`,
        );
      }
      functionNames.set(key, plugin.name);
      into.functions.push(fn);
    }
  }
  return installed;
}
