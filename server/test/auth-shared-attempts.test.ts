import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { storageAttemptStore } from '../src/auth/storage-attempt-store.ts';
import { createApp } from '../src/index.ts';
import { call, startTestServer } from './accounts-helpers.ts';
import { makeStorage, testPlatform } from './helpers.ts';

describe('sign-in limits shared by servers', () => {
  it('counts failures made on two servers of one storage together', async () => {
    const a = await startTestServer(); // the default limiter counts in the shared storage
    const b = createApp({ platform: testPlatform, storage: a.storage, now: () => a.clock.now });
    const attempt = (app: typeof b, password: string) =>
      call(app, 'POST', '/api/auth/login', { body: { username: 'admin', password } });
    for (const [i, app] of [a.app, b, a.app, b, a.app].entries()) {
      assert.equal((await attempt(app, `wrong ${i}`)).status, 401);
    }
    for (const app of [a.app, b]) {
      const blocked = await attempt(app, a.admin.password);
      assert.equal(blocked.status, 429, 'the sixth try is refused on either server');
      assert.equal(blocked.json.error?.code, 'too_many_attempts');
    }
    a.clock.advance(15 * 60_000);
    assert.equal((await attempt(b, a.admin.password)).status, 200, 'the window passed');
  });

  it('keeps every failure of a burst racing on one key', async () => {
    const storage = await makeStorage();
    const store = storageAttemptStore(storage);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.add('user\0ip\0x', 1000 + i, 0)));
    assert.equal((await store.recent('user\0ip\0x', 0)).length, 20);
    assert.deepEqual(await store.recent('user\0ip\0x', 1015), [1015, 1016, 1017, 1018, 1019]);
    await store.clear('user\0ip\0x');
    assert.deepEqual(await store.recent('user\0ip\0x', 0), []);
    await store.clear('never failed'); // nothing to clear writes nothing
    assert.deepEqual(await store.recent('never failed', 0), []);
  });
});
