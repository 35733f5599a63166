// Set-up shared by `npm start` and `npm test`: installs what a fresh machine with only
// Node 20 and npm lacks. Plain Node, no dependencies: it runs before anything is installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const pnpmVersion = JSON.parse(
  readFileSync(join(root, 'package.json'), 'utf8'),
).packageManager.split('@')[1];

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`"${command} ${args.join(' ')}" failed with exit code ${result.status}`);
  }
}

function installedPnpm() {
  try {
    return execFileSync('pnpm', ['--version'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}

/** pnpm at the version pinned in package.json's packageManager. */
export function ensurePnpm() {
  if (installedPnpm() === pnpmVersion) return;
  console.log(`Installing pnpm ${pnpmVersion} …`);
  run('npm', ['install', '--global', `pnpm@${pnpmVersion}`]);
}

/** The workspace's packages, exactly as the lockfile says (quick when nothing changed). */
export function ensureDependencies() {
  run('pnpm', ['install', '--frozen-lockfile', '--prefer-offline'], {
    env: { ...process.env, npm_config_loglevel: 'error' },
  });
}

export const chromiumPath = '/usr/bin/chromium';

/** Debian's Chromium for browser tests; no test tool downloads a browser of its own here. */
export function ensureChromium() {
  if (existsSync(chromiumPath)) return;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Error(
      `${chromiumPath} is missing; install it with: sudo apt-get install -y chromium`,
    );
  }
  console.log('Installing Chromium from Debian packages …');
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', 'chromium'], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}
