/** Thrown when plugins cannot be combined: a duplicate id, an unmet requirement. */
export class PluginError extends Error {
  override name = 'PluginError';
}

/**
 * A per-platform registry of one kind of contribution (field types, node types …).
 * It refuses a second entry with the same id, naming both plugins.
 */
export class Registry<T> {
  readonly #kind: string;
  readonly #entries = new Map<string, { value: T; plugin: string }>();

  constructor(kind: string) {
    this.#kind = kind;
  }

  add(id: string, value: T, plugin: string): void {
    const existing = this.#entries.get(id);
    if (existing) {
      throw new PluginError(
        `${this.#kind} "${id}" is contributed by both "${existing.plugin}" and "${plugin}"; remove one of the two plugins`,
      );
    }
    this.#entries.set(id, { value, plugin });
  }

  get(id: string): T | undefined {
    return this.#entries.get(id)?.value;
  }

  has(id: string): boolean {
    return this.#entries.has(id);
  }

  /** The plugin that contributed `id`. */
  pluginOf(id: string): string | undefined {
    return this.#entries.get(id)?.plugin;
  }

  ids(): string[] {
    return [...this.#entries.keys()];
  }

  values(): T[] {
    return [...this.#entries.values()].map((entry) => entry.value);
  }
}
