/** Moves a plugin-owned config (of a field, node or view) from `from` to `from + 1`. */
export interface ConfigMigration {
  readonly id: string;
  readonly from: number;
  up(config: Record<string, unknown>): Record<string, unknown>;
}
