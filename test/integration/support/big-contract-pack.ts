import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPack } from '../../../server/src/packs/pack-folder.ts';
import { BUNDLED_PACKS } from '../../../server/src/packs/pack-sources.ts';

type Manifest = Record<string, unknown> & { demo: Record<string, Record<string, unknown>[]> };

/**
 * The bundled contract pack with its demo data grown to `total` records: the pack's own demo
 * records, then customers (客户) numbered on until the count is reached. Answers the manifest.
 */
export async function bigContractPack(total: number): Promise<Manifest> {
  const pack = (await readPack(join(BUNDLED_PACKS, 'contract'))) as Manifest;
  const demo = { ...pack.demo, customer: [...(pack.demo.customer ?? [])] };
  const have = Object.values(demo).reduce((sum, list) => sum + list.length, 0);
  const industries = ['internet', 'finance', 'manufacturing', 'retail'];
  for (let i = 1; i <= total - have; i++) {
    demo.customer.push({
      $id: `bulk${i}`,
      name: `批量客户 ${String(i).padStart(5, '0')} 有限公司`,
      industry: industries[i % industries.length],
      contact: `联系人 ${i}`,
      phone: `021-${String(60000000 + i)}`,
      owner: '$role:sales',
    });
  }
  return { ...pack, demo };
}

/** Writes a manifest as a pack file (`<dir>/<name>.pack.json`) and answers its path. */
export function writePackFile(dir: string, manifest: Record<string, unknown>): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${String(manifest.name)}-${String(manifest.version)}.pack.json`);
  writeFileSync(path, JSON.stringify(manifest));
  return path;
}
