import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { signPayload, verifySignature } from '../src/webhooks/webhook-signature.ts';

const secret = 'whsec_test';
const body = JSON.stringify({ event: 'record.created', data: { id: 'r1', amount: '12.50' } });
const t = 1_750_000_000;

describe('signPayload', () => {
  it('gives t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">', () => {
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    assert.equal(signPayload(secret, t, body), `t=${t},v1=${expected}`);
    assert.equal(signPayload(secret, t, Buffer.from(body)), signPayload(secret, t, body));
  });

  it('refuses a timestamp that is not whole Unix seconds', () => {
    assert.throws(() => signPayload(secret, 1.5, body), RangeError);
    assert.throws(() => signPayload(secret, -1, body), RangeError);
  });
});

describe('verifySignature', () => {
  const header = signPayload(secret, t, body);

  it('accepts its own signature within the tolerance, on either side of now', () => {
    assert.deepEqual(verifySignature(secret, header, body, t), { ok: true, timestamp: t });
    assert.equal(verifySignature(secret, header, body, t + 300).ok, true);
    assert.equal(verifySignature(secret, header, body, t - 300).ok, true);
    assert.equal(verifySignature(secret, header, Buffer.from(body), t + 10).ok, true);
  });

  it('rejects a tampered body, a wrong secret and a changed timestamp', () => {
    const mismatch = { ok: false, reason: 'mismatch' };
    assert.deepEqual(verifySignature(secret, header, body.replace('12.50', '99.50'), t), mismatch);
    assert.deepEqual(verifySignature('other', header, body, t), mismatch);
    const moved = header.replace(`t=${t}`, `t=${t + 1}`);
    assert.deepEqual(verifySignature(secret, moved, body, t), mismatch);
  });

  it('rejects a replay outside the tolerance', () => {
    const old = { ok: false, reason: 'outside_tolerance' };
    assert.deepEqual(verifySignature(secret, header, body, t + 301), old);
    assert.deepEqual(verifySignature(secret, header, body, t + 3600, 600), old);
    assert.deepEqual(verifySignature(secret, header, body, t - 301), old, 'from the future');
  });

  it('rejects malformed headers', () => {
    const v1 = header.split(',v1=')[1];
    for (const bad of [
      '',
      'v1=abc',
      `t=${t}`,
      `t=x,v1=${v1}`,
      `t=${t},t=${t},v1=${v1}`,
      `t=${t},v1=zz`,
    ]) {
      assert.deepEqual(
        verifySignature(secret, bad, body, t),
        { ok: false, reason: 'malformed' },
        bad,
      );
    }
  });

  it('accepts any of several v1 values, so a secret can be rotated', () => {
    const next = signPayload('new-secret', t, body).split(',')[1];
    assert.equal(verifySignature('new-secret', `${header}, ${next}`, body, t).ok, true);
    assert.equal(verifySignature(secret, `${header}, ${next}`, body, t).ok, true);
  });
});
