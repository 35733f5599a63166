/**
 * Real processes for the integration tests: pouchdb-server (the CouchDB-protocol peer) and
 * Tessera servers started as `node --import tsx server/src/main.ts`. Every process is started on
 * loopback, tracked by pid, and ended by that pid (`stopAll` in an `after` hook).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../..', import.meta.url));
const pouchdbServerBin = fileURLToPath(
  new URL('../../node_modules/.bin/pouchdb-server', import.meta.url),
);

/** How long a process may take to start on a loaded machine. */
const START_TIMEOUT_MS = 90_000;

const started = new Set<ChildProcess>();
const scratchDirs = new Set<string>();

/** A fresh temp folder, removed by `stopAll`. */
export async function scratchDir(label: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `tessera-${label}-`));
  scratchDirs.add(dir);
  return dir;
}

/** A port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}

const isRunning = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

/** Resolves once the child has exited (at once if it has), or false after `ms`. */
export function exited(child: ChildProcess, ms = 30_000): Promise<boolean> {
  if (!isRunning(child)) return Promise.resolve(true);
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      done(true);
    });
  });
}

/** Ends one started process by its pid: SIGTERM, then SIGKILL if it lingers. */
export async function stopProcess(child: ChildProcess, graceMs = 5000): Promise<void> {
  const pid = child.pid;
  if (pid !== undefined && isRunning(child)) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // exited meanwhile
    }
    if (!(await exited(child, graceMs)) && isRunning(child)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // exited meanwhile
      }
      await exited(child, graceMs);
    }
  }
  started.delete(child);
}

/** Ends every process this module started (by pid) and removes every scratch folder. */
export async function stopAll(): Promise<void> {
  await Promise.all([...started].map((child) => stopProcess(child)));
  await Promise.all([...scratchDirs].map((dir) => rm(dir, { recursive: true, force: true })));
  scratchDirs.clear();
}

function track(child: ChildProcess): ChildProcess {
  started.add(child);
  child.once('exit', () => started.delete(child));
  return child;
}

async function poll(what: string, until: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await until()) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`${what} within ${ms / 1000} s`);
}

export interface PouchServer {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/** pouchdb-server `--in-memory` on a free loopback port, from an empty temp folder as its cwd. */
export async function startPouchServer(): Promise<PouchServer> {
  const cwd = await scratchDir('pouchdb-server');
  const port = await freePort();
  const args = ['--in-memory', '--host', '127.0.0.1', '--port', String(port)];
  const child = track(spawn(pouchdbServerBin, args, { cwd, stdio: 'ignore' }));
  const url = `http://127.0.0.1:${port}`;
  try {
    await poll(
      `pouchdb-server did not answer on ${url}`,
      async () => {
        if (!isRunning(child)) throw new Error(`pouchdb-server exited (${child.exitCode})`);
        try {
          const response = await fetch(`${url}/`);
          await response.text();
          return response.ok;
        } catch {
          return false; // not listening yet
        }
      },
      START_TIMEOUT_MS,
    );
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
  return { url, pid: child.pid ?? -1, stop: () => stopProcess(child) };
}

export interface TesseraProcess {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  readonly url: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** The first admin's password when this process made the first admin (printed once). */
  readonly adminPassword: string | undefined;
  /** Everything it printed so far. */
  output(): string;
  /** SIGKILL now, and wait for the exit. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts `node --import tsx server/src/main.ts` with `PORT=0` on 127.0.0.1 and the given
 * `DATA_DIR` (plus `env`, e.g. COUCHDB_URL), and resolves once it printed its URL and the line
 * after it (the admin login, or where to sign in).
 */
export async function startTessera(
  dataDir: string,
  env: Readonly<Record<string, string>> = {},
): Promise<TesseraProcess> {
  const child = track(
    spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        COUCHDB_URL: '',
        COUCHDB_DATABASE: '',
        ...env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let log = '';
  const ready = new Promise<{ url: string; adminPassword: string | undefined }>(
    (resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Tessera printed no URL in ${START_TIMEOUT_MS / 1000} s:\n${log}`)),
        START_TIMEOUT_MS,
      );
      const read = (chunk: Buffer) => {
        log += chunk.toString();
        const url = /Tessera is running at (http:\/\/\S+?)\/?\n/.exec(log)?.[1];
        const admin = /Admin login: \S+ \/ (\S+)/.exec(log)?.[1];
        if (url && (admin || /Sign in as an admin at /.test(log))) {
          clearTimeout(timer);
          resolve({ url, adminPassword: admin });
        }
      };
      child.stdout?.on('data', read);
      child.stderr?.on('data', read);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`Tessera exited (${code ?? signal}) before it was ready:\n${log}`));
      });
    },
  );
  let answer: { url: string; adminPassword: string | undefined };
  try {
    answer = await ready;
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
  return {
    ...answer,
    pid: child.pid ?? -1,
    child,
    output: () => log,
    async kill9() {
      if (child.pid !== undefined && isRunning(child)) process.kill(child.pid, 'SIGKILL');
      await exited(child);
      started.delete(child);
    },
    stop: () => stopProcess(child),
  };
}
