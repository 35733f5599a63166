import type { LocalizedText } from '../i18n/localized.ts';
import type { AppDefinition } from './app.ts';

/**
 * The outline of one published app: its flows to start, its tables and its views, with their
 * labels — what a home page or start menu lists, online or from an offline copy.
 */
export interface AppOutline {
  readonly id: string;
  readonly label: LocalizedText;
  readonly version: number;
  readonly flows: readonly {
    id: string;
    label: LocalizedText;
    description?: LocalizedText;
    table: string;
    /** Whether the person asking may start it (the server's workspace answer says so). */
    startable?: boolean;
  }[];
  readonly tables: readonly { id: string; label: LocalizedText; kind: string }[];
  readonly views: readonly { id: string; label: LocalizedText; table: string; type: string }[];
}

export function appOutline(definition: AppDefinition, version: number): AppOutline {
  return {
    id: definition.id,
    label: definition.label,
    version,
    flows: (definition.flows ?? []).map((flow) => ({
      id: flow.id,
      label: flow.label,
      ...(flow.description ? { description: flow.description } : {}),
      table: flow.table,
    })),
    tables: definition.tables.map((table) => ({
      id: table.id,
      label: table.label,
      kind: table.kind,
    })),
    views: (definition.views ?? []).map((view) => ({
      id: view.id,
      label: view.label,
      table: view.table,
      type: view.type,
    })),
  };
}
