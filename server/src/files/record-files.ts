import type { FieldDefinition, FileReference, Platform } from '@tessera/core';
import { claimId, type StoragePort } from '@tessera/runtime';
import type { PublishedTable } from '../records/published-apps.ts';
import type { Caller } from '../records/row-scope.ts';
import { attachFiles, type FileUse } from './attach-files.ts';
import { type FileDocument, fileEntry, readFile } from './file-document.ts';
import { foreignFile } from './file-errors.ts';
import { withConfig } from './upload-rules.ts';

/** Values with every file entry as stored, and the files they refer to. */
export interface ResolvedFiles {
  readonly values: Record<string, unknown>;
  readonly files: readonly FileUse[];
}

export interface RecordFiles {
  /**
   * Checks every file entry of `input` and puts the stored name, size and type in place of what
   * the client sent. A file may be used when it was uploaded for this app, table and field and
   * is either the caller's and not yet attached, or this record's already (`record`, the record
   * an idempotency `claimKey` made, or `previous` values). Else a 400 naming `/values/…/id`.
   */
  resolve(
    target: PublishedTable & { readonly appId: string },
    input: Readonly<Record<string, unknown>>,
    caller: Caller,
    own: {
      readonly record?: string;
      readonly claimKey?: string;
      readonly previous?: Readonly<Record<string, unknown>>;
    },
  ): Promise<ResolvedFiles>;
  /** Marks the files as the record's (`attachFiles`: `undo` takes the write back on a lost race). */
  attach(files: readonly FileUse[], record: string, undo?: () => Promise<void>): Promise<void>;
}

interface Located extends FileReference {
  readonly key: string;
}

/** Files that records refer to, found through the field types' `files` hooks. */
export function recordFiles(storage: StoragePort, platform: Platform): RecordFiles {
  const ctx = {
    dictionary: () => undefined,
    fieldType: (type: string) => platform.fieldTypes.get(type),
  };

  const referencesIn = (
    fields: readonly FieldDefinition[],
    values: Readonly<Record<string, unknown>>,
  ) => {
    const found: Located[] = [];
    for (const field of fields) {
      const value = values[field.id];
      const hooks = platform.fieldTypes.get(field.type)?.files;
      if (!hooks || value === undefined || value === null) continue;
      for (const ref of hooks.references(value, withConfig(field), ctx)) {
        found.push({ ...ref, key: field.id });
      }
    }
    return found;
  };

  const replayedRecord = async (claimKey: string | undefined) => {
    if (claimKey === undefined) return undefined;
    const claim = await storage.get<{ target?: unknown }>(await claimId(claimKey));
    return typeof claim?.target === 'string' ? claim.target : undefined;
  };

  return {
    async resolve(target, input, caller, own) {
      const refs = referencesIn(target.table.fields, input);
      if (refs.length === 0) return { values: { ...input }, files: [] };
      const previous = new Set(
        referencesIn(target.table.fields, own.previous ?? {}).map((ref) => ref.id),
      );
      const records = new Set([own.record, await replayedRecord(own.claimKey)]);
      records.delete(undefined);
      const docs = new Map<string, FileDocument | undefined>();
      const uses = new Map<string, FileUse>();
      const values: Record<string, unknown> = { ...input };
      for (const key of new Set(refs.map((ref) => ref.key))) {
        values[key] = structuredClone(input[key]);
      }
      for (const ref of refs) {
        if (!docs.has(ref.id)) docs.set(ref.id, await readFile(storage, ref.id));
        const doc = docs.get(ref.id);
        const usable =
          doc !== undefined &&
          doc.app === target.appId &&
          doc.table === target.table.id &&
          doc.field === ref.field &&
          (doc.record === undefined
            ? doc.uploadedBy === caller.userId || previous.has(ref.id)
            : records.has(doc.record));
        const pointer = `/values/${ref.key}${ref.path}/id`;
        if (!usable) throw foreignFile(pointer, ref.id);
        values[ref.key] = replaceAt(values[ref.key], ref.path, fileEntry(doc));
        if (!uses.has(ref.id)) uses.set(ref.id, { id: ref.id, pointer });
      }
      return { values, files: [...uses.values()] };
    },

    attach: (files, record, undo) => attachFiles(storage, files, record, undo),
  };
}

/** `value` with the part at `path` (a JSON pointer below it) replaced; `value` is a copy. */
function replaceAt(value: unknown, path: string, entry: unknown): unknown {
  const tokens = path
    .split('/')
    .slice(1)
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (tokens.length === 0) return entry;
  let here = value as Record<string, unknown>;
  for (const token of tokens.slice(0, -1)) here = here[token] as Record<string, unknown>;
  here[tokens.at(-1)!] = entry;
  return value;
}
