import type { Plugin } from '@tessera/core';
import { fieldBasic } from '@tessera/plugin-field-basic';
import { flowBasic } from '@tessera/plugin-flow-basic';
import { viewBasic } from '@tessera/plugin-view-basic';

/** The plugins this server build ships; `enabledPlugins` in the instance settings picks among them. */
export const INSTALLED_PLUGINS: readonly Plugin[] = [fieldBasic, flowBasic, viewBasic];
