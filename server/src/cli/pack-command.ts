import { readFile, stat, writeFile } from 'node:fs/promises';
import { createPlatform, formatIssue, type Locale } from '@tessera/core';
import type { PouchStorage } from '@tessera/runtime';
import type { Journal } from '../packs/journal.ts';
import { readJournal } from '../packs/journal.ts';
import type { PackContext } from '../packs/pack-context.ts';
import { PACK_FILE_TYPE, type PackFileDocument, packFileId } from '../packs/pack-documents.ts';
import { PackRefusal } from '../packs/pack-errors.ts';
import { readPack } from '../packs/pack-folder.ts';
import { packService } from '../packs/pack-service.ts';
import { type PackSource, packSources } from '../packs/pack-sources.ts';
import type { RoleMapping } from '../packs/role-mapping.ts';
import { INSTALLED_PLUGINS } from '../platform/installed-plugins.ts';
import { createRecordWriter } from '../records/record-writer.ts';
import { ensureStorageIndexes } from '../storage/storage-indexes.ts';
import { isoNow } from '../storage/store-context.ts';
import { createEventPublisher } from '../webhooks/event-publisher.ts';
import { webhooksContext } from '../webhooks/webhooks-context.ts';
import { ArgsError, parseArgs } from './cli-args.ts';
import { cliLocale } from './cli-locale.ts';

type Open = () => Promise<PouchStorage>;

/**
 * `tessera pack list|install|upgrade|uninstall|export`: the app store from the command line,
 * on the storage directly (stop the server first when it is embedded). Every command first
 * finishes what an interrupted pack operation left (rolls an install back, resumes an upgrade).
 */
export async function packCommand(
  args: readonly string[],
  openStorage: Open,
  here: (path: string) => string,
): Promise<number> {
  const [action, ...rest] = args;
  const roleFlags: string[] = [];
  const others: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--role') roleFlags.push(rest[++i] ?? '');
    else if (arg.startsWith('--role=')) roleFlags.push(arg.slice(7));
    else others.push(arg);
  }
  const { positional, flags } = parseArgs(others, {
    roles: 'value',
    'no-demo': 'switch',
    version: 'value',
    data: 'value',
  });
  const locale = cliLocale();
  const storage = await openStorage();
  try {
    await ensureStorageIndexes(storage);
    const platform = createPlatform({ plugins: INSTALLED_PLUGINS });
    const store = { storage, now: Date.now };
    // the server's dispatcher sends what this owes webhooks
    const events = createEventPublisher(webhooksContext(store));
    const context: PackContext = {
      ...store,
      platform,
      writer: createRecordWriter({ ...store, platform, events }),
      sources: packSources(storage),
      instanceId: `cli-${process.pid}`,
      active: new Set(),
    };
    const packs = packService(context);
    const recovered = await packs.recover();
    for (const app of recovered.rolledBack)
      console.log(`Rolled back the interrupted install of app "${app}"`);
    for (const app of recovered.resumed)
      console.log(`Finished the interrupted pack operation of app "${app}"`);
    switch (action) {
      case 'list':
        return await list(packs, locale);
      case 'install': {
        const [target] = positional;
        if (!target) throw new ArgsError('pack install needs a pack name or a PATH');
        const roles = await readRoles(flags.get('roles'), roleFlags, here);
        const source = await sourceOf(context, packs, target, flags.get('version'), here);
        const started = await packs.installSource(source, {
          roles,
          demo: !flags.has('no-demo'),
          actor: 'cli',
        });
        if (!started.started) {
          console.log(
            `${source.ref.name} ${source.ref.version} is installed already; nothing to do`,
          );
          return 0;
        }
        return await follow(context, started.journal.app, started.finished, locale);
      }
      case 'upgrade': {
        const [target] = positional;
        if (!target) throw new ArgsError('pack upgrade needs a pack name or a PATH');
        const source = await sourceOf(context, packs, target, flags.get('version'), here);
        if (recovered.resumed.length > 0 && (await installedAs(packs, source.ref))) {
          // this very upgrade, cut off earlier and finished just now by the recovery above
          console.log(`Upgraded ${source.ref.name} to ${source.ref.version}`);
          return 0;
        }
        const preview = await packs.previewSource(source);
        console.log(`Upgrading ${source.ref.name} ${preview.from} → ${preview.to}:`);
        for (const change of preview.changes)
          console.log(`  ${change.change} ${change.part} ${change.id}`);
        for (const migration of preview.migrations) {
          for (const step of migration.steps) {
            console.log(`  migrate ${step.op} ${step.table} (${step.records} records)`);
          }
        }
        const started = await packs.upgradeSource(source, 'cli');
        return await follow(context, started.journal.app, started.finished, locale);
      }
      case 'uninstall': {
        const [name] = positional;
        const data = flags.get('data');
        if (!name) throw new ArgsError('pack uninstall needs the pack name');
        if (data !== 'keep' && data !== 'remove') {
          throw new ArgsError(
            'pack uninstall needs --data keep (keep the records) or --data remove',
          );
        }
        const { removed } = await packs.uninstall(name, data, 'cli');
        console.log(
          `Uninstalled ${name}: ${removed} documents removed${data === 'keep' ? ', data kept' : ''}`,
        );
        return 0;
      }
      case 'export': {
        const [name, file] = positional;
        if (!name || !file)
          throw new ArgsError('pack export needs the pack name and the FILE to write');
        const data = (flags.get('data') ?? 'none') as string;
        if (!['none', 'demo', 'all'].includes(data))
          throw new ArgsError('--data is none, demo or all');
        const manifest = await packs.export(name, data as 'none' | 'demo' | 'all');
        await writeFile(here(file), `${JSON.stringify(manifest, null, 2)}\n`);
        console.log(
          `Exported ${String(manifest.name)} ${String(manifest.version)} to ${here(file)}`,
        );
        return 0;
      }
      default:
        throw new ArgsError(action ? `unknown pack action "${action}"` : 'pack needs an action');
    }
  } catch (error) {
    if (!(error instanceof PackRefusal)) throw error;
    console.error(`tessera: ${error.detail[locale]}`);
    for (const found of error.issues.slice(0, 20)) console.error(`  ${formatIssue(found, locale)}`);
    if (error.issues.length > 20) console.error(`  … and ${error.issues.length - 20} more`);
    return 1;
  } finally {
    await storage.close();
  }
}

async function list(packs: ReturnType<typeof packService>, locale: Locale): Promise<number> {
  for (const pack of await packs.list()) {
    const label = typeof pack.label === 'string' ? pack.label : (pack.label[locale] ?? pack.name);
    const state = pack.installed
      ? `${pack.installed.state} ${pack.installed.version}`
      : 'not installed';
    console.log(
      `${pack.name} ${pack.version}  ${label}  (${state}${pack.valid ? '' : ', has issues'})`,
    );
  }
  return 0;
}

/** Roles from `--roles FILE.json` (`{ "legal": ["wang.fang"], … }` or `{ "legal": { "users": […], "departments": […] } }`) and `--role legal=wang.fang,li.lei`. */
async function readRoles(
  file: string | true | undefined,
  flags: readonly string[],
  here: (path: string) => string,
): Promise<RoleMapping> {
  const out: Record<string, { users?: string[]; departments?: string[] }> = {};
  if (typeof file === 'string') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(here(file), 'utf8'));
    } catch (error) {
      throw new ArgsError(`cannot read the role mapping ${file}: ${(error as Error).message}`);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new ArgsError(`${file} must map role ids to user lists`);
    }
    for (const [role, members] of Object.entries(parsed)) {
      out[role] = Array.isArray(members) ? { users: members.map(String) } : (members as never);
    }
  }
  for (const flag of flags) {
    const [role, users] = flag.split('=', 2);
    if (!role || !users) throw new ArgsError(`--role takes ROLE=USER[,USER…], not "${flag}"`);
    const list = users
      .split(',')
      .map((one) => one.trim())
      .filter(Boolean);
    const members = list.filter((one) => !one.startsWith('department:'));
    const departments = list.filter((one) => one.startsWith('department:'));
    out[role] = {
      users: [...(out[role]?.users ?? []), ...members],
      departments: [...(out[role]?.departments ?? []), ...departments],
    };
  }
  return out;
}

/** A bundled or uploaded pack by name, or a pack folder or file, kept as an upload. */
async function sourceOf(
  context: PackContext,
  packs: ReturnType<typeof packService>,
  target: string,
  version: string | true | undefined,
  here: (path: string) => string,
): Promise<PackSource> {
  const path = here(target);
  const onDisk = await stat(path).catch(() => undefined);
  if (!onDisk) return packs.source(target, typeof version === 'string' ? version : undefined);
  const manifest = (await readPack(path)) as Record<string, unknown>;
  const name = String(manifest.name ?? '');
  const v = String(manifest.version ?? '');
  const known = await context.storage.get<PackFileDocument>(packFileId(name, v));
  if (known?.type === PACK_FILE_TYPE) {
    if (JSON.stringify(known.manifest) !== JSON.stringify(manifest)) {
      throw new PackRefusal(409, 'pack_version_exists', {
        en: `${name} ${v} was installed from a different file before; give this pack a higher version`,
        'zh-CN': `此前已从另一个文件安装过 ${name} ${v}；请为此应用包使用更高的版本号`,
      });
    }
  } else {
    await packs.upload(manifest, 'cli');
  }
  return { ref: { kind: 'uploaded', name, version: v }, manifest };
}

/** Prints the install's steps and progress until it ends; exit 0 when installed. */
async function follow(
  context: PackContext,
  app: string,
  finished: Promise<Journal>,
  locale: Locale,
): Promise<number> {
  let last = '';
  let running = true;
  const poll = (async () => {
    while (running) {
      const journal = await readJournal(context, app);
      const line = journal ? `${journal.step} ${journal.done} / ${journal.total}` : '';
      if (line && line !== last) {
        process.stderr.write(`${line}\n`);
        last = line;
      }
      await new Promise((done) => setTimeout(done, 200));
    }
  })();
  const journal = await finished;
  running = false;
  await poll;
  if (journal.state === 'installed') {
    console.log(
      `Installed ${journal.pack} ${journal.version} as app "${app}" at ${isoNow(context)}`,
    );
    return 0;
  }
  console.error(`tessera: ${journal.error?.message[locale] ?? journal.state}`);
  return 1;
}

/** Whether the pack stands installed at exactly this version (no operation under way). */
async function installedAs(
  packs: ReturnType<typeof packService>,
  ref: { name: string; version: string },
) {
  const listed = (await packs.list()).find((one) => one.name === ref.name);
  return listed?.installed?.state === 'installed' && listed.installed.version === ref.version;
}
