import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { normalizePassword, passwordProblem } from './password-rules.ts';

/**
 * scrypt cost: N = 2^ln, block size r, parallelism p. ln=15, r=8, p=1 uses 32 MiB and took
 * ~68 ms per hash on the 2-core build machine (ln=16: ~137 ms, over the ~100 ms budget).
 * Raise it here: stored hashes keep their own parameters, and `needsRehash` says when to
 * re-hash at the next successful sign-in.
 */
export const SCRYPT_PARAMS = { ln: 15, r: 8, p: 1 } as const;
type ScryptParams = { readonly ln: number; readonly r: number; readonly p: number };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Parameters a stored hash may name; beyond them it is refused rather than run (memory). */
const BOUNDS = { ln: [10, 20], r: [1, 32], p: [1, 16] } as const;

/**
 * `$scrypt$ln=15,r=8,p=1$<salt>$<hash>` (PHC string format, unpadded base64): everything
 * needed to check the password later, so parameters can change without breaking old hashes.
 * Throws `PasswordError` for a password shorter than 10 or longer than 256 characters.
 */
export async function hashPassword(password: string): Promise<string> {
  const problem = passwordProblem(password);
  if (problem) throw problem;
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(normalizePassword(password), salt, SCRYPT_PARAMS, KEY_BYTES);
  const { ln, r, p } = SCRYPT_PARAMS;
  return `$scrypt$ln=${ln},r=${r},p=${p}$${b64(salt)}$${b64(key)}`;
}

/**
 * Whether `password` matches `stored` (compared in constant time). A wrong password or a
 * tampered hash is `false`; a string that is not a scrypt hash at all, or names parameters out
 * of bounds, throws — that is corrupt data, not a failed sign-in.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  // longer than any password that can be set: no match, and no hashing of huge input
  if (passwordProblem(password)?.code === 'password_too_long') return false;
  const key = await derive(
    normalizePassword(password),
    parsed.salt,
    parsed.params,
    parsed.key.length,
  );
  return timingSafeEqual(key, parsed.key);
}

/** True when `stored` was made with other parameters than today's: re-hash after sign-in. */
export function needsRehash(stored: string): boolean {
  const { params } = parseHash(stored);
  return (Object.keys(SCRYPT_PARAMS) as (keyof ScryptParams)[]).some(
    (name) => params[name] !== SCRYPT_PARAMS[name],
  );
}

const PHC =
  /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,3}),p=(\d{1,3})\$([A-Za-z0-9+/]{16,88})\$([A-Za-z0-9+/]{22,88})$/;

function parseHash(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } {
  const found = PHC.exec(stored);
  if (!found) throw new TypeError('the stored password hash is not a Tessera scrypt hash');
  const params = { ln: Number(found[1]), r: Number(found[2]), p: Number(found[3]) };
  for (const name of ['ln', 'r', 'p'] as const) {
    const [low, high] = BOUNDS[name];
    if (params[name] < low || params[name] > high) {
      throw new RangeError(
        `the stored password hash has ${name}=${params[name]}, outside ${low}–${high}`,
      );
    }
  }
  return { params, salt: Buffer.from(found[4]!, 'base64'), key: Buffer.from(found[5]!, 'base64') };
}

function derive(
  password: string,
  salt: Buffer,
  params: ScryptParams,
  length: number,
): Promise<Buffer> {
  const N = 2 ** params.ln;
  return new Promise((resolve, reject) => {
    scrypt(
      password,
      salt,
      length,
      { N, r: params.r, p: params.p, maxmem: 256 * N * params.r },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');
