import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { memoryAttemptStore } from '../src/auth/attempt-store.ts';
import { ipBucket } from '../src/auth/ip-bucket.ts';
import { assertLoginAllowed, loginRateLimiter } from '../src/auth/login-rate-limiter.ts';
import { handleError } from '../src/http/error-handlers.ts';

const MINUTE = 60_000;

/** A clock the test moves by hand. */
function clock(start = Date.UTC(2025, 0, 1)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const ann = { ip: '203.0.113.7', username: 'ann' };

describe('loginRateLimiter', () => {
  it('allows 5 failures per username and address, then refuses until the window slides', async () => {
    const time = clock();
    const limiter = loginRateLimiter({ now: time.now });
    for (let i = 0; i < 5; i++) {
      assert.deepEqual(await limiter.check(ann), { allowed: true }, `attempt ${i + 1}`);
      await limiter.failed(ann);
      time.advance(MINUTE);
    }
    // failures at minutes 0..4; now minute 5: the first expires at minute 15
    assert.deepEqual(await limiter.check(ann), { allowed: false, retryAfterSeconds: 10 * 60 });
    assert.deepEqual(
      await limiter.check({ ...ann, username: ' ANN ' }),
      {
        allowed: false,
        retryAfterSeconds: 600,
      },
      'usernames compare trimmed and case-blind',
    );
    time.advance(10 * MINUTE - 1);
    assert.equal((await limiter.check(ann)).allowed, false, 'one ms before the window slides');
    time.advance(1);
    assert.deepEqual(await limiter.check(ann), { allowed: true });
    await limiter.failed(ann);
    assert.deepEqual(await limiter.check(ann), { allowed: false, retryAfterSeconds: 60 });
  });

  it('counts each username apart, and other addresses apart', async () => {
    const limiter = loginRateLimiter({ now: clock().now });
    for (let i = 0; i < 5; i++) await limiter.failed(ann);
    assert.equal((await limiter.check(ann)).allowed, false);
    assert.equal((await limiter.check({ ...ann, username: 'bob' })).allowed, true);
    assert.equal((await limiter.check({ ...ann, ip: '198.51.100.1' })).allowed, true);
  });

  it('allows 50 failures per address across usernames', async () => {
    const time = clock();
    const limiter = loginRateLimiter({ now: time.now });
    for (let i = 0; i < 50; i++) {
      assert.equal(
        (await limiter.check({ ip: ann.ip, username: `user${i}` })).allowed,
        true,
        `${i}`,
      );
      await limiter.failed({ ip: ann.ip, username: `user${i}` });
      time.advance(1000);
    }
    assert.deepEqual(await limiter.check({ ip: ann.ip, username: 'fresh' }), {
      allowed: false,
      retryAfterSeconds: 15 * 60 - 50,
    });
    assert.equal((await limiter.check({ ip: '198.51.100.1', username: 'fresh' })).allowed, true);
  });

  it('forgets the username’s failures after a success, but not the address’s', async () => {
    const limiter = loginRateLimiter({ now: clock().now, limits: { perIp: 6 } });
    for (let i = 0; i < 5; i++) await limiter.failed(ann);
    await limiter.succeeded(ann);
    assert.equal((await limiter.check(ann)).allowed, true);
    await limiter.failed(ann);
    assert.equal((await limiter.check(ann)).allowed, false, 'the address reached 6');
  });

  it('counts an IPv6 /64 as one address', async () => {
    const limiter = loginRateLimiter({ now: clock().now, limits: { perIp: 2 } });
    await limiter.failed({ ip: '2001:db8:1:2::1', username: 'a' });
    await limiter.failed({ ip: '2001:db8:1:2:ffff::9', username: 'b' });
    assert.equal(
      (await limiter.check({ ip: '2001:db8:1:2:abcd::', username: 'c' })).allowed,
      false,
    );
    assert.equal((await limiter.check({ ip: '2001:db8:1:3::1', username: 'c' })).allowed, true);
    assert.equal(ipBucket('::ffff:192.0.2.1'), '192.0.2.1');
    assert.equal(ipBucket('2001:0db8:0000:0002::1'), '2001:db8:0:2::/64');
    assert.equal(ipBucket('::1'), '0:0:0:0::/64');
  });

  it('uses the store it is given, which forgets its least recently failed keys when full', async () => {
    const store = memoryAttemptStore(2);
    await store.add('a', 1, 0);
    await store.add('b', 1, 0);
    await store.add('c', 1, 0);
    assert.deepEqual(await store.recent('a', 0), []);
    assert.deepEqual(await store.recent('c', 0), [1]);
    const limiter = loginRateLimiter({ store, now: () => 10, limits: { perUsername: 1 } });
    await limiter.failed(ann);
    assert.equal((await limiter.check(ann)).allowed, false);
  });
});

describe('assertLoginAllowed', () => {
  it('answers 429 with Retry-After', async () => {
    const time = clock();
    const limiter = loginRateLimiter({ now: time.now });
    const app = new Hono();
    app.post('/api/login', async (c) => {
      const attempt = { ip: '203.0.113.7', username: c.req.query('user') ?? '' };
      await assertLoginAllowed(limiter, attempt);
      await limiter.failed(attempt); // every password is wrong here
      return c.json({ error: { code: 'wrong_password' } }, 401);
    });
    app.onError(handleError);
    const login = () => app.request('/api/login?user=ann', { method: 'POST' });
    for (let i = 0; i < 5; i++) assert.equal((await login()).status, 401);
    time.advance(30_000);
    const refused = await login();
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), String(15 * 60 - 30));
    const json = (await refused.json()) as {
      error: { code: string; retryAfter: number; message: string };
    };
    assert.equal(json.error.code, 'too_many_attempts');
    assert.equal(json.error.retryAfter, 870);
    assert.match(json.error.message, /try again in 15 minutes/);
  });
});
