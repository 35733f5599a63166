/**
 * What this process last wrote, by document id, bounded (least recently written dropped
 * first). A guess, never the truth: a write made from it carries its revision, so if another
 * server changed the document since, the write is refused and the caller reads it again.
 */
export class WrittenCache<T> {
  readonly #entries = new Map<string, T>();
  constructor(readonly limit = 10_000) {}

  get(id: string): T | undefined {
    return this.#entries.get(id);
  }

  set(id: string, value: T) {
    this.#entries.delete(id);
    this.#entries.set(id, value);
    if (this.#entries.size > this.limit) this.#entries.delete(this.#entries.keys().next().value!);
  }

  delete(id: string) {
    this.#entries.delete(id);
  }
}
