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
  };
  if (!existed || JSON.stringify(settings) !== JSON.stringify(stored)) {
    db.data = settings;
    await db.write();
  }
  return settings;
}
