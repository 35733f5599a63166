import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PouchServer {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

const bin = fileURLToPath(new URL('../../node_modules/.bin/pouchdb-server', import.meta.url));

function freePort(): Promise<number> {
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

function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      done(true);
    });
  });
}

/** Starts pouchdb-server in memory on loopback, from an empty scratch folder as its cwd. */
export async function startPouchServer(): Promise<PouchServer> {
  const cwd = await mkdtemp(join(tmpdir(), 'tessera-pouchdb-server-'));
  const port = await freePort();
  const args = ['--in-memory', '--host', '127.0.0.1', '--port', String(port)];
  const child = spawn(bin, args, { cwd, stdio: 'ignore' });
  const pid = child.pid;
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (pid !== undefined && child.exitCode === null && child.signalCode === null) {
      process.kill(pid, 'SIGTERM');
      if (!(await exited(child, 5000))) process.kill(pid, 'SIGKILL');
      await exited(child, 5000);
    }
    await rm(cwd, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || pid === undefined) break;
    try {
      const response = await fetch(`${url}/`);
      await response.text();
      if (response.ok) return { url, pid, stop };
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  await stop();
  throw new Error(`pouchdb-server did not answer on ${url} within 30 s`);
}
