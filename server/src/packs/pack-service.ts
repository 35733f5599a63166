import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packAppId } from '@tessera/core';
import { ConflictError } from '@tessera/runtime';
import { appendAudit } from '../audit/audit-entry.ts';
import { isoNow } from '../storage/store-context.ts';
import { type ExportData, exportPack } from './export-pack.ts';
import { type InstallOptions, startInstall } from './install-pack.ts';
import { installState, readJournal } from './journal.ts';
import type { PackContext } from './pack-context.ts';
import { PACK_FILE_TYPE, type PackFileDocument, packFileId } from './pack-documents.ts';
import { invalidPack, PackRefusal } from './pack-errors.ts';
import { listingOf, listPacks } from './pack-listing.ts';
import type { PackSource } from './pack-sources.ts';
import { recoverInstalls } from './recover-installs.ts';
import { type KeepData, uninstallPack } from './uninstall-pack.ts';
import { previewUpgrade, startUpgrade } from './upgrade-pack.ts';

/** The pack lifecycle as the API and the CLI use it. */
export function packService(context: PackContext) {
  const source = async (name: string, version?: string): Promise<PackSource> => {
    const found = await context.sources.find(name, version);
    if (found) return found;
    throw new PackRefusal(404, 'pack_not_found', {
      en: `there is no pack "${name}"${version ? ` version ${version}` : ''} on offer`,
      'zh-CN': `没有可用的应用包“${name}”${version ? ` 版本 ${version}` : ''}`,
    });
  };

  return {
    list: () => listPacks(context),
    source,
    recover: () => recoverInstalls(context),

    /** Keeps an uploaded pack, checked, so it can be installed; a version is uploaded once. */
    async upload(manifest: Record<string, unknown>, actor: string) {
      const checked = context.platform.validatePack(manifest);
      if (!checked.ok) throw invalidPack(checked.issues);
      const { name, version } = checked.value;
      const doc: PackFileDocument & { _id: string } = {
        _id: packFileId(name, version),
        type: PACK_FILE_TYPE,
        schemaVersion: 1,
        name,
        version,
        manifest,
        uploadedAt: isoNow(context),
        uploadedBy: actor,
      };
      try {
        await context.storage.create(doc);
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        throw new PackRefusal(409, 'pack_version_exists', {
          en: `${name} ${version} was uploaded already; give the new pack a higher version`,
          'zh-CN': `${name} ${version} 已上传过；请为新的应用包使用更高的版本号`,
        });
      }
      await appendAudit(context.storage, {
        actor,
        action: 'pack.upload',
        subject: { id: doc._id, type: PACK_FILE_TYPE },
        after: { name, version },
      });
      return listingOf(context.platform, { ref: { kind: 'uploaded', name, version }, manifest });
    },

    async install(name: string, options: InstallOptions & { version?: string }) {
      return startInstall(context, await source(name, options.version), options);
    },

    /** Installs exactly this pack (a folder or file the CLI was given, kept as an upload). */
    installSource: (from: PackSource, options: InstallOptions) =>
      startInstall(context, from, options),

    upgradeSource: (from: PackSource, actor: string) => startUpgrade(context, from, actor),
    previewSource: (from: PackSource) => previewUpgrade(context, from),

    async state(name: string) {
      const journal = await readJournal(context, packAppId(name));
      if (!journal) {
        throw new PackRefusal(404, 'pack_not_installed', {
          en: `pack "${name}" has not been installed`,
          'zh-CN': `应用包“${name}”尚未安装`,
        });
      }
      return installState(journal);
    },

    async previewUpgrade(name: string, version?: string) {
      return previewUpgrade(context, await source(name, version));
    },

    async upgrade(name: string, actor: string, version?: string) {
      return startUpgrade(context, await source(name, version), actor);
    },

    uninstall: (name: string, data: KeepData, actor: string) =>
      uninstallPack(context, packAppId(name), data, actor),

    export: (name: string, data: ExportData) => exportPack(context, packAppId(name), data),

    /** The screenshot of a bundled pack, when it has one. */
    async screenshot(name: string): Promise<Uint8Array | undefined> {
      const found = await context.sources.find(name);
      if (!found?.folder) return undefined;
      const bytes = await readFile(join(found.folder, 'screenshot.png')).catch(() => undefined);
      return bytes && new Uint8Array(bytes);
    },
  };
}

export type PackService = ReturnType<typeof packService>;
