import { type LocalizedText, type Platform, packAppId, unmetRequirement } from '@tessera/core';
import type { PackListing } from '@tessera/core/api';
import { installState, readJournal } from './journal.ts';
import type { PackContext } from './pack-context.ts';
import { compareVersions, type PackSource } from './pack-sources.ts';

type Manifest = Readonly<Record<string, unknown>>;
const list = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);

/** The listing of a pack, read defensively: an uploaded manifest was checked, a bundled one maybe not. */
const listed = new WeakMap<object, Omit<PackListing, 'installed'>>();

export function listingOf(platform: Platform, source: PackSource): Omit<PackListing, 'installed'> {
  const known = listed.get(source.manifest);
  if (known) return known;
  const listing = describe(platform, source);
  listed.set(source.manifest, listing);
  return listing;
}

function describe(platform: Platform, source: PackSource): Omit<PackListing, 'installed'> {
  const m: Manifest = source.manifest;
  const requires = (m.requires ?? {}) as Record<string, string>;
  const installed = new Map(platform.plugins.map((plugin) => [plugin.name, plugin]));
  const checked = platform.validatePack(m);
  const demo = Object.values((m.demo ?? {}) as Record<string, unknown[]>).reduce(
    (sum, records) => sum + list(records).length,
    0,
  );
  return {
    name: source.ref.name,
    version: source.ref.version,
    app: packAppId(source.ref.name),
    label: (m.label as LocalizedText) ?? source.ref.name,
    ...(m.description === undefined ? {} : { description: m.description as LocalizedText }),
    requires,
    plugins: Object.entries(requires).map(([name, range]) => {
      const plugin = installed.get(name);
      return {
        name,
        range,
        ...(plugin ? { installed: plugin.version } : {}),
        ok: unmetRequirement(installed, name, range) === undefined,
      };
    }),
    roles: list(m.roles) as PackListing['roles'],
    counts: {
      tables: list(m.tables).length,
      forms: list(m.forms).length,
      flows: list(m.flows).length,
      views: list(m.views).length,
      demo,
    },
    ...(source.screenshot
      ? { screenshot: `/api/packs/${encodeURIComponent(source.ref.name)}/screenshot` }
      : {}),
    source: source.ref.kind,
    valid: checked.ok,
    issues: checked.ok ? [] : checked.issues.slice(0, 50),
  };
}

/** Every pack on offer, the newest version of each name, with what is installed of it. */
export async function listPacks(context: PackContext): Promise<PackListing[]> {
  const newest = new Map<string, PackSource>();
  for (const source of await context.sources.all()) {
    const known = newest.get(source.ref.name);
    if (!known || compareVersions(source.ref.version, known.ref.version) > 0) {
      newest.set(source.ref.name, source);
    }
  }
  const out: PackListing[] = [];
  for (const source of [...newest.values()].sort((a, b) => a.ref.name.localeCompare(b.ref.name))) {
    const listing = listingOf(context.platform, source);
    const journal = await readJournal(context, listing.app);
    out.push(journal ? { ...listing, installed: installState(journal) } : listing);
  }
  return out;
}
