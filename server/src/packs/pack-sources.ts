import { readdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StoragePort } from '@tessera/runtime';
import {
  PACK_FILE_TYPE,
  type PackFileDocument,
  type PackSourceRef,
  packFileId,
} from './pack-documents.ts';
import { readPack } from './pack-folder.ts';

/** The packs that ship with Tessera: the repository's `templates/` folder. */
export const BUNDLED_PACKS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../templates');

/** A pack that can be installed: its manifest, unchecked, and where it came from. */
export interface PackSource {
  readonly ref: PackSourceRef;
  readonly manifest: Readonly<Record<string, unknown>>;
  /** The folder of a bundled pack (its screenshot lives there). */
  readonly folder?: string;
  /** Whether the folder has a `screenshot.png`. */
  readonly screenshot?: boolean;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * The packs on offer: every folder of the bundled packs holding a `pack.json`, and every pack an
 * admin uploaded (the newest version of each name wins, uploaded over bundled when equal).
 * Bundled folders are read again when they change on disk.
 */
export function packSources(storage: StoragePort, bundledDir = BUNDLED_PACKS) {
  const cache = new Map<string, { mtime: number; source: PackSource }>();
  const uploadedCache = new Map<string, PackSource>();

  const bundledFolder = async (folder: string): Promise<PackSource | undefined> => {
    const info = await stat(join(folder, 'pack.json')).catch(() => undefined);
    if (!info) return undefined;
    const known = cache.get(folder);
    if (known && known.mtime === info.mtimeMs) return known.source;
    const manifest = (await readPack(folder)) as Record<string, unknown>;
    const source: PackSource = {
      ref: { kind: 'bundled', name: text(manifest.name), version: text(manifest.version) },
      manifest,
      folder,
      screenshot: (await stat(join(folder, 'screenshot.png')).catch(() => undefined)) !== undefined,
    };
    cache.set(folder, { mtime: info.mtimeMs, source });
    return source;
  };

  const bundled = async (): Promise<PackSource[]> => {
    const names = await readdir(bundledDir).catch(() => [] as string[]);
    const found: PackSource[] = [];
    for (const name of names.sort()) {
      const source = await bundledFolder(join(bundledDir, name));
      if (source) found.push(source);
    }
    return found;
  };

  const uploaded = async (): Promise<PackSource[]> => {
    const found: PackSource[] = [];
    let cursor: string | undefined;
    do {
      const page = await storage.find<PackFileDocument>({
        index: 'packfiles-by-name',
        selector: { type: PACK_FILE_TYPE, name: { $gt: null } },
        limit: 200,
        ...(cursor === undefined ? {} : { cursor }),
      });
      for (const doc of page.docs) {
        // an uploaded version is never replaced, so its parsed manifest is kept
        const known = uploadedCache.get(doc._id);
        const source = known ?? {
          ref: { kind: 'uploaded' as const, name: doc.name, version: doc.version },
          manifest: doc.manifest,
        };
        uploadedCache.set(doc._id, source);
        found.push(source);
      }
      cursor = page.next;
    } while (cursor);
    return found;
  };

  return {
    /** Every pack on offer, all versions. */
    async all(): Promise<PackSource[]> {
      return [...(await bundled()), ...(await uploaded())];
    },
    /** One pack by name, a given version or the newest on offer. */
    async find(name: string, version?: string): Promise<PackSource | undefined> {
      const matching = (await this.all()).filter(
        (one) => one.ref.name === name && (version === undefined || one.ref.version === version),
      );
      // the newest; of equal versions, an upload (an admin's own build) before the bundled one
      return matching.sort(
        (a, b) =>
          compareVersions(b.ref.version, a.ref.version) ||
          Number(b.ref.kind === 'uploaded') - Number(a.ref.kind === 'uploaded'),
      )[0];
    },
    /** Reads the exact source an install recorded. */
    async read(ref: PackSourceRef): Promise<PackSource | undefined> {
      if (ref.kind === 'uploaded') {
        const doc = await storage.get<PackFileDocument>(packFileId(ref.name, ref.version));
        return doc ? { ref, manifest: doc.manifest } : undefined;
      }
      return (await bundled()).find(
        (one) => one.ref.name === ref.name && one.ref.version === ref.version,
      );
    },
  };
}

export type PackSources = ReturnType<typeof packSources>;

/** Semantic versions compared by major, minor, patch (pre-releases before their release). */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => {
    const [core = '', pre] = v.split('+')[0]!.split(/-(.*)/s);
    return { nums: core.split('.').map((n) => Number(n) || 0), pre };
  };
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < 3; i++) {
    const d = (x.nums[i] ?? 0) - (y.nums[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  return x.pre < y.pre ? -1 : 1;
}
