/**
 * Storage read directly, while no Tessera process holds it: the documents of a data folder (or
 * of a CouchDB-protocol database) as `dump` gives them, and the audit log grouped by subject.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import {
  createPouchStorage,
  type DumpedDocument,
  type PouchStorage,
  storageLocationFromEnv,
} from '@tessera/runtime';
import { exited, root } from './processes.ts';

/** Opens the storage of `dataDir` (or of `env`'s COUCHDB_URL), runs `work`, closes it. */
export async function withStorage<T>(
  dataDir: string,
  work: (storage: PouchStorage) => Promise<T>,
  env: Readonly<Record<string, string>> = {},
): Promise<T> {
  const storage = await createPouchStorage(storageLocationFromEnv(env, dataDir));
  try {
    return await work(storage);
  } finally {
    await storage.close();
  }
}

/** Every stored document `keep` accepts. */
export function storedDocuments(
  dataDir: string,
  keep: (doc: DumpedDocument) => boolean,
  env: Readonly<Record<string, string>> = {},
): Promise<DumpedDocument[]> {
  return withStorage(
    dataDir,
    async (storage) => {
      const found: DumpedDocument[] = [];
      for await (const doc of storage.dump()) if (keep(doc)) found.push(doc);
      return found;
    },
    env,
  );
}

/** The audit entries among `docs`, by the id of the document each is about. */
export function auditBySubject(docs: readonly DumpedDocument[]): Map<string, DumpedDocument[]> {
  const bySubject = new Map<string, DumpedDocument[]>();
  for (const doc of docs) {
    if (doc.type !== 'audit' || typeof doc.subject !== 'string') continue;
    bySubject.set(doc.subject, [...(bySubject.get(doc.subject) ?? []), doc]);
  }
  return bySubject;
}

/** How many entries of `action` a subject's list holds. */
export const countOf = (entries: readonly DumpedDocument[] | undefined, action: string) =>
  (entries ?? []).filter((entry) => entry.action === action).length;

/** Fails listing every problem, one a line (at most 40 shown). */
export function noProblems(problems: readonly string[], what: string): void {
  if (problems.length === 0) return;
  const shown = problems.slice(0, 40).join('\n');
  const more = problems.length > 40 ? `\n… and ${problems.length - 40} more` : '';
  throw new Error(`${what}: ${problems.length} problems\n${shown}${more}`);
}

export type CliProcess = ChildProcess & { readonly out: () => string };

const running = new Set<ChildProcess>();

/** `tessera …` (the CLI, run through tsx) on `dataDir`; its output is collected. */
export function tesseraCli(dataDir: string, args: readonly string[]): CliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli/main.ts', ...args], {
    cwd: root,
    env: { ...process.env, COUCHDB_URL: '', DATA_DIR: dataDir, TESSERA_CWD: root },
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let text = '';
  child.stdout?.on('data', (chunk) => (text += chunk));
  child.stderr?.on('data', (chunk) => (text += chunk));
  return Object.assign(child, { out: () => text });
}

/** Runs the CLI to its end: its exit code and output. */
export async function runCli(dataDir: string, args: readonly string[], ms = 180_000) {
  const child = tesseraCli(dataDir, args);
  if (!(await exited(child, ms))) throw new Error(`tessera ${args.join(' ')} did not end`);
  return { code: child.exitCode, out: child.out() };
}

/** Ends every CLI process started here that still runs (by its pid). */
export async function stopCli(): Promise<void> {
  for (const child of running) {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      process.kill(child.pid, 'SIGKILL');
    }
    await exited(child);
  }
}
