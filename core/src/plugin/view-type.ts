import type { Static, TSchema } from 'typebox';
import type { Bilingual, LocalizedText } from '../i18n/localized.ts';
import type { Issue } from '../issues/issue.ts';
import type { TableDefinition } from '../model/table.ts';
import type { ViewDefinition } from '../model/view.ts';
import type { ConfigMigration } from './config-migration.ts';

/** A way to show a view (list, chart, kanban …), contributed by a plugin. */
export interface ViewTypeDefinition<Config extends TSchema = TSchema> {
  readonly type: string;
  readonly label: Bilingual;
  readonly description?: LocalizedText;
  readonly config: Config;
  readonly configVersion?: number;
  readonly migrations?: readonly ConfigMigration[];
  /** Whether the view groups and aggregates (statistics) rather than listing records. */
  readonly aggregates: boolean;
  /**
   * Tag of the custom element that shows the view, defined by the plugin's browser entry; it
   * is given a `ViewElementData` as its `data` property.
   */
  readonly element: string;
  check?(
    view: ViewDefinition & { readonly config: Static<Config> },
    table: TableDefinition,
  ): Issue[];
  readonly designer: { readonly icon: string; defaultConfig(): Record<string, unknown> };
}

export function defineViewType<Config extends TSchema>(
  definition: ViewTypeDefinition<Config>,
): ViewTypeDefinition<Config> {
  return definition;
}
