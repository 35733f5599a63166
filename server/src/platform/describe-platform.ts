import {
  type Bilingual,
  BUILTIN_FUNCTIONS,
  type LocalizedText,
  type Platform,
} from '@tessera/core';

/** What `GET /api/platform` tells a client about the installed plugins. */
export interface PlatformDescription {
  readonly plugins: readonly { readonly name: string; readonly version: string }[];
  readonly fieldTypes: readonly {
    readonly type: string;
    readonly label: Bilingual;
    readonly description?: LocalizedText;
    readonly group: string;
    readonly icon: string;
    readonly plugin: string | undefined;
  }[];
  readonly nodeTypes: readonly {
    readonly type: string;
    readonly label: Bilingual;
    readonly description?: LocalizedText;
    readonly shape: string;
    readonly group: string;
    readonly icon: string;
    readonly plugin: string | undefined;
  }[];
  readonly viewTypes: readonly {
    readonly type: string;
    readonly label: Bilingual;
    readonly description?: LocalizedText;
    readonly aggregates: boolean;
    readonly icon: string;
    readonly plugin: string | undefined;
  }[];
  readonly functions: readonly {
    readonly signature: string;
    readonly description?: LocalizedText;
  }[];
}

const described = (text: LocalizedText | undefined) =>
  text === undefined ? {} : { description: text };

/** The platform's plugins and contributions as plain JSON (no schemas, no functions). */
export function describePlatform(platform: Platform): PlatformDescription {
  return {
    plugins: platform.plugins.map(({ name, version }) => ({ name, version })),
    fieldTypes: platform.fieldTypes.values().map((one) => ({
      type: one.type,
      label: one.label,
      ...described(one.description),
      group: one.designer.group,
      icon: one.designer.icon,
      plugin: platform.fieldTypes.pluginOf(one.type),
    })),
    nodeTypes: platform.nodeTypes.values().map((one) => ({
      type: one.type,
      label: one.label,
      ...described(one.description),
      shape: one.shape,
      group: one.designer.group,
      icon: one.designer.icon,
      plugin: platform.nodeTypes.pluginOf(one.type),
    })),
    viewTypes: platform.viewTypes.values().map((one) => ({
      type: one.type,
      label: one.label,
      ...described(one.description),
      aggregates: one.aggregates,
      icon: one.designer.icon,
      plugin: platform.viewTypes.pluginOf(one.type),
    })),
    functions: [
      ...BUILTIN_FUNCTIONS,
      ...platform.functions.map((one) => ({
        signature: one.signature,
        ...described(one.description),
      })),
    ],
  };
}
