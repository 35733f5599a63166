import type { TSchema } from 'typebox';
import type { Bilingual, LocalizedText } from '../i18n/localized.ts';

/**
 * A button-triggered action on records or views (print, export, call a webhook …).
 * The definition is data about the action; the server or runtime supplies its execution.
 */
export interface ActionDefinition<Config extends TSchema = TSchema> {
  readonly id: string;
  readonly label: Bilingual;
  readonly description?: LocalizedText;
  /** Where the action can be placed. */
  readonly on: readonly ('record' | 'view' | 'form')[];
  readonly config: Config;
  /** Whether the action changes data (asks for confirmation and is audited). */
  readonly mutates: boolean;
}

export function defineAction<Config extends TSchema>(
  definition: ActionDefinition<Config>,
): ActionDefinition<Config> {
  return definition;
}
