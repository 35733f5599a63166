/**
 * Child processes for the HTTP benchmarks (B1, B2): servers pinned to one core and the load
 * generator pinned to another with `taskset`, each stopped by its own pid.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const SERVER_CORE = '0';
export const LOAD_CORE = '1';

export interface Started {
  readonly child: ChildProcess;
  readonly url: string;
  /** Lines printed on stdout before the process was ready. */
  readonly lines: readonly string[];
  /** SIGTERM, then SIGKILL after 5 s; resolves once the process has exited. */
  stop(): Promise<void>;
}

/**
 * Starts `node --import tsx <script>` under `taskset -c <core>` and waits until it prints a line
 * with `http://…/` and then `linesAfterUrl` more lines.
 */
export function startPinned(
  script: string,
  env: Record<string, string>,
  linesAfterUrl = 0,
  core = SERVER_CORE,
): Promise<Started> {
  const child = spawn('taskset', ['-c', core, process.execPath, '--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    let buffer = '';
    let url: string | undefined;
    let after = 0;
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${script} did not start in 60 s: ${stderr}`));
    }, 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        newline = buffer.indexOf('\n');
        if (url !== undefined && after >= linesAfterUrl) continue;
        lines.push(line);
        if (url === undefined) {
          url = /(http:\/\/\S+\/)/.exec(line)?.[1];
        } else {
          after++;
        }
        if (url !== undefined && after >= linesAfterUrl) {
          clearTimeout(timer);
          resolve({ child, url: url.replace(/\/$/, ''), lines, stop });
        }
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code}) before it was ready: ${stderr}`));
    });
  });
}

export interface LoadResult {
  readonly seconds: number;
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly reqPerSec: number;
  readonly p50: number;
  readonly p99: number;
}

/** Runs autocannon (lib/load.ts) in a child process pinned to the load core. */
export function runLoad(options: Record<string, unknown>): Promise<LoadResult> {
  const child = spawn(
    'taskset',
    [
      '-c',
      LOAD_CORE,
      process.execPath,
      '--import',
      'tsx',
      join(ROOT, 'test', 'bench', 'lib', 'load.ts'),
    ],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  child.stdin.end(JSON.stringify(options)); // on stdin: a list of paths is too long for argv
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0) reject(new Error(`load generator exited ${code}: ${out}`));
      else resolve(JSON.parse(line) as LoadResult);
    });
  });
}

/** Resident set size of a process in MB, from /proc (Linux). */
export async function rssMb(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}
