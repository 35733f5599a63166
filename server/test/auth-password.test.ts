import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  hashPassword,
  needsRehash,
  SCRYPT_PARAMS,
  verifyPassword,
} from '../src/auth/password-hash.ts';
import { PasswordError, passwordProblem } from '../src/auth/password-rules.ts';
import { newSecretToken, tokenDigest } from '../src/auth/secret-token.ts';

const PASSWORD = 'correct horse battery staple';

describe('hashPassword / verifyPassword', () => {
  it('stores algorithm, parameters, salt and hash in one string, salted afresh each time', async () => {
    const stored = await hashPassword(PASSWORD);
    assert.match(stored, /^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    assert.notEqual(await hashPassword(PASSWORD), stored, 'a new salt every time');
    assert.equal(await verifyPassword(PASSWORD, stored), true);
    assert.equal(needsRehash(stored), false);
  });

  it('refuses a wrong password', async () => {
    const stored = await hashPassword(PASSWORD);
    for (const wrong of ['correct horse battery stapl', 'Correct horse battery staple', '']) {
      assert.equal(await verifyPassword(wrong, stored), false, wrong);
    }
    assert.equal(await verifyPassword('x'.repeat(100_000), stored), false);
  });

  it('refuses a tampered hash, salt or parameters', async () => {
    const stored = await hashPassword(PASSWORD);
    const parts = stored.split('$'); // ['', 'scrypt', params, salt, hash]
    const flip = (text: string) => (text[0] === 'A' ? 'B' : 'A') + text.slice(1);
    const tampered = [
      [...parts.slice(0, 4), flip(parts[4]!)],
      [...parts.slice(0, 3), flip(parts[3]!), parts[4]],
      [...parts.slice(0, 2), 'ln=14,r=8,p=1', ...parts.slice(3)],
    ].map((one) => one.join('$'));
    for (const one of tampered) assert.equal(await verifyPassword(PASSWORD, one), false, one);
  });

  it('throws on a string that is not a scrypt hash or asks for absurd parameters', async () => {
    for (const stored of [
      '',
      'plain',
      '$2b$10$abcdefghijklmnopqrstuv',
      '$scrypt$ln=15,r=8,p=1$x$y',
    ]) {
      await assert.rejects(verifyPassword(PASSWORD, stored), /not a Tessera scrypt hash/, stored);
    }
    const greedy = (await hashPassword(PASSWORD)).replace('ln=15', 'ln=30');
    await assert.rejects(verifyPassword(PASSWORD, greedy), /outside/);
  });

  it('says when a hash was made with other parameters', async () => {
    const old = (await hashPassword(PASSWORD)).replace(`ln=${SCRYPT_PARAMS.ln}`, 'ln=14');
    assert.equal(needsRehash(old), true);
  });

  it('normalises Unicode, so a composed and a decomposed é match', async () => {
    const stored = await hashPassword('caf\u00e9 au lait!');
    assert.equal(await verifyPassword('cafe\u0301 au lait!', stored), true);
  });

  it('refuses passwords under 10 or over 256 characters, in both languages', async () => {
    await assert.rejects(hashPassword('short'), (error: unknown) => {
      assert.ok(error instanceof PasswordError);
      assert.equal(error.code, 'password_too_short');
      assert.match(error.detail.en, /at least 10 characters \(it has 5\)/);
      assert.match(error.detail['zh-CN'], /至少需要 10 个字符/);
      return true;
    });
    await assert.rejects(hashPassword('x'.repeat(257)), { code: 'password_too_long' });
    assert.equal(passwordProblem('密码密码密码密码密码'), undefined, '10 Chinese characters');
    assert.equal(
      passwordProblem('😀'.repeat(10)),
      undefined,
      'counts characters, not UTF-16 units',
    );
    assert.equal(passwordProblem('x'.repeat(256)), undefined);
  });

  it(`hashes within the ~100 ms budget (ln=${SCRYPT_PARAMS.ln}, r=${SCRYPT_PARAMS.r}, p=${SCRYPT_PARAMS.p})`, async () => {
    const started = performance.now();
    await hashPassword(PASSWORD);
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 1000, `${elapsed.toFixed(0)} ms`); // generous: CI machines vary
  });
});

describe('newSecretToken / tokenDigest', () => {
  it('makes 32-byte base64url tokens, never the same twice', () => {
    const tokens = new Set(Array.from({ length: 100 }, newSecretToken));
    assert.equal(tokens.size, 100);
    for (const token of tokens) {
      assert.match(token, /^[A-Za-z0-9_-]{43}$/);
      assert.equal(Buffer.from(token, 'base64url').length, 32);
    }
  });

  it('digests with SHA-256, the same token to the same digest', () => {
    const token = newSecretToken();
    assert.equal(tokenDigest(token), tokenDigest(token));
    assert.notEqual(tokenDigest(token), token);
    assert.match(tokenDigest(token), /^[A-Za-z0-9_-]{43}$/);
    assert.equal(
      tokenDigest('abc'),
      Buffer.from(
        'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
        'hex',
      ).toString('base64url'),
    );
  });
});
