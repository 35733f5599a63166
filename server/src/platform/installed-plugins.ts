import type { Plugin } from '@tessera/core';
import { fieldBasic } from '@tessera/plugin-field-basic';
import { flowBasic } from '@tessera/plugin-flow-basic';
import { flowBasicEffects } from '@tessera/plugin-flow-basic/effects';
import { flowBasicHandlers } from '@tessera/plugin-flow-basic/handlers';
import { viewBasic } from '@tessera/plugin-view-basic';
import { NodeHandlers } from '@tessera/runtime/flow';
import type { EffectDefinition } from '@tessera/runtime/flow-store';

/** The plugins this server build ships; `enabledPlugins` in the instance settings picks among them. */
export const INSTALLED_PLUGINS: readonly Plugin[] = [fieldBasic, flowBasic, viewBasic];

/** How the node types of those plugins run: each plugin's handlers, by node type. */
export const NODE_HANDLERS = new NodeHandlers([...flowBasicHandlers]);

/** What those node types owe after a commit, applied through the ports the server wires. */
export const EFFECTS: readonly EffectDefinition[] = [...flowBasicEffects];
