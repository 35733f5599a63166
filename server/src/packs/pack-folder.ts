import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** The parts a pack folder keeps one file per definition of, in file-name order. */
const PARTS = ['tables', 'forms', 'flows', 'views'] as const;

/** A pack folder or file that cannot be read as a manifest; names the file and what is wrong. */
export class PackFileError extends Error {
  override name = 'PackFileError';
}

async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new PackFileError(`cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PackFileError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
}

async function jsonFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((name) => name.endsWith('.json')).sort();
}

/**
 * Assembles a pack folder (`pack.json`, `tables/`, `forms/`, `flows/`, `views/`, `demo/<table>.json`)
 * into one manifest, unchecked: the platform validates it. A `.json` path is read as an
 * assembled manifest (what `export` writes).
 */
export async function readPack(path: string): Promise<unknown> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new PackFileError(`there is no pack at ${path}`);
  if (!info.isDirectory()) return readJson(path);
  const manifest = await readJson(join(path, 'pack.json'));
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) {
    throw new PackFileError(`${join(path, 'pack.json')} must hold a JSON object`);
  }
  const out: Record<string, unknown> = { ...(manifest as Record<string, unknown>) };
  for (const part of PARTS) {
    const files = await jsonFiles(join(path, part));
    if (files.length === 0) continue;
    if (out[part] !== undefined) {
      throw new PackFileError(`${part} are given both in pack.json and in ${part}/; keep one`);
    }
    out[part] = await Promise.all(files.map((file) => readJson(join(path, part, file))));
  }
  const demoFiles = await jsonFiles(join(path, 'demo'));
  if (demoFiles.length > 0) {
    const demo: Record<string, unknown> = {};
    for (const file of demoFiles)
      demo[file.slice(0, -5)] = await readJson(join(path, 'demo', file));
    out.demo = demo;
  }
  return out;
}
