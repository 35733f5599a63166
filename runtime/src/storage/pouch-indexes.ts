import type { PouchDatabase } from './pouch-database.ts';
import { toStorageError } from './pouch-errors.ts';
import { type IndexDefinition, StorageError } from './storage-port.ts';

/** The Mango indexes of one database by name (= design document name), read once and cached. */
export interface IndexCatalog {
  /** The fields of the named index, or undefined when it does not exist. */
  fields(name: string): Promise<readonly string[] | undefined>;
  ensure(definitions: readonly IndexDefinition[]): Promise<void>;
}

const validName = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

export function createIndexCatalog(db: PouchDatabase): IndexCatalog {
  let known: Map<string, readonly string[]> | undefined;

  async function load(): Promise<Map<string, readonly string[]>> {
    try {
      const { indexes } = await db.getIndexes();
      known = new Map();
      for (const index of indexes) {
        if (index.type !== 'json' || index.ddoc === null) continue;
        const fields = index.def.fields.map((field) => Object.keys(field)[0] ?? '');
        known.set(index.ddoc.replace(/^_design\//, ''), fields);
      }
      return known;
    } catch (error) {
      throw toStorageError(error, 'list indexes');
    }
  }

  return {
    async fields(name) {
      // An index made by another server since the last read is found by reading again.
      return (known ?? (await load())).get(name) ?? (await load()).get(name);
    },
    async ensure(definitions) {
      const existing = await load();
      for (const definition of definitions) {
        const { name, fields, partial } = definition;
        if (!validName.test(name) || fields.length === 0) {
          throw new StorageError(
            `index "${name}" needs a name of letters, digits, "_", "-" and at least one field`,
            400,
          );
        }
        const present = existing.get(name);
        if (present) {
          if (present.join('\u0000') !== fields.join('\u0000')) {
            throw new StorageError(
              `index "${name}" exists on [${present.join(', ')}], not [${fields.join(', ')}]: give the new definition a new name`,
            );
          }
          continue;
        }
        const index: Record<string, unknown> = {
          fields: [...fields],
          ddoc: name,
          name,
          type: 'json',
        };
        if (partial) index.partial_filter_selector = partial;
        try {
          await db.createIndex({ index });
        } catch (error) {
          throw toStorageError(error, `create index "${name}"`);
        }
        existing.set(name, fields);
      }
    },
  };
}
