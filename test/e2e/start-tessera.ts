import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface RunningTessera {
  readonly url: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts Tessera exactly as the README says (`npm start`), on a free port and a scratch data
 * folder, and resolves with the URL it prints. `stop()` ends the process group it started.
 */
export async function startTessera(): Promise<RunningTessera> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-e2e-'));
  const child: ChildProcess = spawn('npm', ['start'], {
    cwd: root,
    detached: true,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`npm start printed no URL in 180 s:\n${log}`)),
      180_000,
    );
    const read = (chunk: Buffer) => {
      log += chunk.toString();
      const found = /Tessera is running at (http:\/\/\S+)/.exec(log);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!.replace(/\/$/, ''));
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}:\n${log}`));
    });
  });
  return {
    url,
    output: () => log,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
      await exited;
      // npm exits first; the server is still closing its storage: wait for the whole group
      for (let waited = 0; child.pid !== undefined && waited < 10_000; waited += 50) {
        try {
          process.kill(-child.pid, 0);
        } catch {
          break; // no process of the group is left
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
