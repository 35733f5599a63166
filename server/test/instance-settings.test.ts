import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openInstanceSettings, SETTINGS_VERSION } from '../src/settings/instance-settings.ts';
import { readServerEnv } from '../src/settings/server-env.ts';

const root = await mkdtemp(join(tmpdir(), 'tessera-settings-'));
after(() => rm(root, { recursive: true, force: true }));

describe('openInstanceSettings', () => {
  it('creates the data folder and instance.json on first start, and keeps it after', async () => {
    const dir = join(root, 'fresh', 'data');
    const first = await openInstanceSettings(dir, ['a', 'b']);
    assert.equal(first.schemaVersion, SETTINGS_VERSION);
    assert.match(first.instanceId, /^[0-9a-f-]{36}$/);
    assert.deepEqual(first.enabledPlugins, ['a', 'b']);
    const stored = JSON.parse(await readFile(join(dir, 'instance.json'), 'utf8'));
    assert.deepEqual(stored, first);
    const again = await openInstanceSettings(dir, ['a', 'b', 'c']);
    assert.deepEqual(again, first, 'a restart keeps the id and the chosen plugins');
  });

  it('refuses a file written by a newer Tessera and a file that is not JSON', async () => {
    const newer = join(root, 'newer');
    await openInstanceSettings(newer, []);
    await writeFile(join(newer, 'instance.json'), JSON.stringify({ schemaVersion: 99 }));
    await assert.rejects(openInstanceSettings(newer, []), /newer Tessera/);
    const broken = join(root, 'broken');
    await openInstanceSettings(broken, []);
    await writeFile(join(broken, 'instance.json'), '{ nope');
    await assert.rejects(openInstanceSettings(broken, []), /cannot read .*instance\.json/);
  });
});

describe('readServerEnv', () => {
  it('has defaults and reads HOST, PORT and DATA_DIR', () => {
    assert.deepEqual(readServerEnv({}), {
      host: '127.0.0.1',
      port: 3000,
      dataDir: './data',
      trustedOrigins: [],
      webhooksAllowPrivate: false,
    });
    assert.deepEqual(readServerEnv({ HOST: '0.0.0.0', PORT: '0', DATA_DIR: '/tmp/x' }), {
      host: '0.0.0.0',
      port: 0,
      dataDir: '/tmp/x',
      trustedOrigins: [],
      webhooksAllowPrivate: false,
    });
  });

  it('reads TRUSTED_ORIGINS and refuses anything but origins', () => {
    assert.deepEqual(
      readServerEnv({ TRUSTED_ORIGINS: ' https://erp.example.com, http://10.1.2.3:8080/ ' })
        .trustedOrigins,
      ['https://erp.example.com', 'http://10.1.2.3:8080'],
    );
    for (const bad of ['erp.example.com', 'https://erp.example.com/tessera', 'ftp://x.example']) {
      assert.throws(() => readServerEnv({ TRUSTED_ORIGINS: bad }), /TRUSTED_ORIGINS must list/);
    }
  });

  it('reads WEBHOOKS_ALLOW_PRIVATE as a flag', () => {
    assert.equal(readServerEnv({ WEBHOOKS_ALLOW_PRIVATE: 'TRUE' }).webhooksAllowPrivate, true);
    assert.equal(readServerEnv({ WEBHOOKS_ALLOW_PRIVATE: '0' }).webhooksAllowPrivate, false);
    assert.throws(
      () => readServerEnv({ WEBHOOKS_ALLOW_PRIVATE: 'maybe' }),
      /WEBHOOKS_ALLOW_PRIVATE must be true or false/,
    );
  });

  it('refuses a PORT that is not a port number', () => {
    for (const port of ['-1', '70000', 'http', '3.5']) {
      assert.throws(() => readServerEnv({ PORT: port }), /PORT must be/);
    }
  });
});
