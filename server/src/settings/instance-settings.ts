import { randomUUID } from 'node:crypto';
import { access, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { JSONFilePreset } from 'lowdb/node';

/** The version of `instance.json` this build writes. */
export const SETTINGS_VERSION = 1;

/**
 * Node-local settings (decision 5: lowdb holds node-local state only). Shared data — apps,
 * records, accounts — belongs to the storage release, never here.
 */
export interface InstanceSettings {
  readonly schemaVersion: number;
  readonly instanceId: string;
  readonly createdAt: string;
  /** Names of the installed plugins this node runs. */
  readonly enabledPlugins: readonly string[];
  /**
   * ISO time before which every record change this node made is audited (ADR 0018): the
   * start-up sweep rolls forward the audit entries of the changes since. Written at start, by
   * a heartbeat and at a clean stop; absent in a fresh file and in files of older builds (an
   * older build drops it, so no new settings version is needed).
   */
  readonly auditedThrough?: string;
}

/** Thrown when `instance.json` cannot be used; the message says which file and why. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

/**
 * Creates `dataDir` and opens `dataDir/instance.json`, writing it with fresh settings the first
 * time (every installed plugin enabled) and filling in any part that is missing.
 */
export async function openInstanceSettings(
  dataDir: string,
  installedPlugins: readonly string[],
): Promise<InstanceSettings> {
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, 'instance.json');
  const fresh: InstanceSettings = {
    schemaVersion: SETTINGS_VERSION,
    instanceId: randomUUID(),
    createdAt: new Date().toISOString(),
    enabledPlugins: [...installedPlugins],
  };
  const existed = await access(file).then(
    () => true,
    () => false,
  );
  let db: Awaited<ReturnType<typeof JSONFilePreset<Partial<InstanceSettings>>>>;
  try {
    db = await JSONFilePreset<Partial<InstanceSettings>>(file, fresh);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SettingsError(`cannot read ${file}: ${reason}`);
  }
  const stored = db.data;
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) {
    throw new SettingsError(`${file} must hold a JSON object`);
  }
  if (typeof stored.schemaVersion === 'number' && stored.schemaVersion > SETTINGS_VERSION) {
    throw new SettingsError(
      `${file} was written by a newer Tessera (settings version ${stored.schemaVersion}; this build reads ${SETTINGS_VERSION})`,
    );
  }
  const settings: InstanceSettings = {
    schemaVersion: SETTINGS_VERSION,
    instanceId: typeof stored.instanceId === 'string' ? stored.instanceId : fresh.instanceId,
    createdAt: typeof stored.createdAt === 'string' ? stored.createdAt : fresh.createdAt,
    enabledPlugins:
      Array.isArray(stored.enabledPlugins) &&
      stored.enabledPlugins.every((name) => typeof name === 'string')
        ? stored.enabledPlugins
        : fresh.enabledPlugins,
    ...(isIsoTime(stored.auditedThrough) ? { auditedThrough: stored.auditedThrough } : {}),
  };
  if (!existed || JSON.stringify(settings) !== JSON.stringify(stored)) {
    db.data = settings;
    await db.write();
  }
  return settings;
}

const isIsoTime = (value: unknown): value is string =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value));

/** Keeps `auditedThrough` in `dataDir/instance.json` (opened by `openInstanceSettings` first). */
export interface AuditedThroughMark {
  /** Writes it, atomically (lowdb writes a temporary file and renames it over); one at a time. */
  write(at: string): Promise<void>;
}

export async function auditedThroughMark(dataDir: string): Promise<AuditedThroughMark> {
  const file = join(dataDir, 'instance.json');
  const db = await JSONFilePreset<Partial<InstanceSettings>>(file, {});
  let last: Promise<void> = Promise.resolve();
  return {
    write(at) {
      const next = last.then(async () => {
        await db.read(); // what is there now: every other field stays as it is
        db.data = { ...db.data, auditedThrough: at };
        await db.write();
      });
      last = next.catch(() => {});
      return next;
    },
  };
}
