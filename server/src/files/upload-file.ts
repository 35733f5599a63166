import { createHash } from 'node:crypto';
import type { Platform } from '@tessera/core';
import { newId } from '@tessera/runtime';
import { readAppRoles } from '../records/app-roles.ts';
import type { RecordCaller } from '../records/caller.ts';
import { publishedApps } from '../records/published-apps.ts';
import { noAppRole } from '../records/record-errors.ts';
import { tableAccess } from '../records/row-scope.ts';
import { isoNow, type StoreContext } from '../storage/store-context.ts';
import { CONTENT, FILE_TYPE, type FileEntry, type FileFields, fileEntry } from './file-document.ts';
import { fileTypeMismatch, fileTypeRefused, notAnAttachmentField } from './file-errors.ts';
import { consistentType } from './mime-types.ts';
import type { Upload, UploadLimit } from './read-upload.ts';
import { uploadRulesOf } from './upload-rules.ts';

/** 50 MiB: no field's `maxSize` lifts an upload past this unless the instance says so. */
export const DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export interface FilesContext extends StoreContext {
  readonly platform: Platform;
  /** The instance's cap on one upload, over every field's `maxSize`. */
  readonly maxUploadBytes: number;
}

export interface UploadTarget {
  readonly app: string;
  readonly table: string;
  readonly field: string;
}

export interface FileUploads {
  /** Checks that the caller may upload for the field; the limit their body is read with. */
  admit(target: UploadTarget, caller: RecordCaller): Promise<UploadLimit>;
  /** Checks the file against the field's rules and stores it with its bytes. */
  store(target: UploadTarget, upload: Upload, caller: RecordCaller): Promise<FileEntry>;
}

/** Uploads for the attachment fields of the latest published version of an app. */
export function fileUploads(context: FilesContext): FileUploads {
  const { storage, platform } = context;
  const published = publishedApps(storage);

  const rulesOf = async (target: UploadTarget) => {
    const { table } = published.table(await published.latest(target.app), target.table);
    const rules = uploadRulesOf(platform, table, target.field);
    if (!rules) throw notAnAttachmentField(target.table, target.field);
    return rules;
  };

  return {
    async admit(target, caller) {
      const rules = await rulesOf(target);
      // who may create the table's records may upload for them
      const mapping = await readAppRoles(storage, target.app);
      if (!tableAccess(caller, mapping, target.table).member) throw noAppRole(target.app);
      return rules.maxSize <= context.maxUploadBytes
        ? { bytes: rules.maxSize, rule: 'maxSize' }
        : { bytes: context.maxUploadBytes, rule: 'instance' };
    },

    async store(target, upload, caller) {
      const rules = await rulesOf(target);
      const type = consistentType(upload.name, upload.declaredType);
      if (type === undefined) throw fileTypeMismatch(upload.name, upload.declaredType);
      if (!rules.accepts(upload.name, type)) throw fileTypeRefused(upload.name, type);
      const fields: FileFields = {
        type: FILE_TYPE,
        schemaVersion: 1,
        ...target,
        name: upload.name,
        size: upload.bytes.byteLength,
        contentType: type,
        sha256: createHash('sha256').update(upload.bytes).digest('hex'),
        uploadedBy: caller.userId,
        uploadedAt: isoNow(context),
      };
      const id = newId(FILE_TYPE);
      const written = await storage.create<FileFields>(
        { _id: id, ...fields },
        { attachments: { [CONTENT]: { contentType: type, data: upload.bytes } } },
      );
      return fileEntry({ ...fields, _id: id, _rev: written.rev });
    },
  };
}
