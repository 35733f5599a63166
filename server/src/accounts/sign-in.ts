import { assertLoginAllowed } from '../auth/login-rate-limiter.ts';
import { hashPassword, needsRehash, verifyPassword } from '../auth/password-hash.ts';
import { ApiError } from '../http/api-error.ts';
import type { AccountsContext } from './accounts-context.ts';
import { once } from './accounts-context.ts';
import { type SessionDocument, startSession } from './sessions.ts';
import type { UserDocument, UserFields } from './user-document.ts';
import { findUserByUsername } from './username-claim.ts';
import { usernameGiven } from './username-input.ts';

/** Checked against when the username is unknown, so both cases take as long. */
const decoyHash = once(() => hashPassword('a password no account has, for timing'));

const wrongCredentials = () =>
  new ApiError(401, 'invalid_credentials', {
    en: 'the username or password is wrong',
    'zh-CN': '用户名或密码错误',
  });

/**
 * Checks a username and password under the sign-in limits (429 when exceeded) and starts a
 * session. A wrong password and an unknown username get the same 401 after the same work; an
 * inactive account with the right password is told so (403). A hash made with older scrypt
 * parameters is replaced on the way.
 */
export async function signIn(
  context: AccountsContext,
  credentials: { readonly username: string; readonly password: string; readonly ip: string },
): Promise<{ user: UserDocument; token: string; session: SessionDocument }> {
  // counted under the name as stored, so look-alikes (`ＡＤＭＩＮ`) share one limit
  const username = usernameGiven(credentials.username) ?? credentials.username;
  const attempt = { ip: credentials.ip, username };
  await assertLoginAllowed(context.loginLimiter, attempt);
  const user = await findUserByUsername(context, username);
  const matches = user
    ? await verifyPassword(credentials.password, user.passwordHash)
    : await verifyPassword(credentials.password, await decoyHash()).then(() => false);
  if (!user || !matches) {
    await context.loginLimiter.failed(attempt);
    throw wrongCredentials();
  }
  await context.loginLimiter.succeeded(attempt);
  if (!user.active) {
    throw new ApiError(403, 'account_inactive', {
      en: 'this account is deactivated; ask an administrator',
      'zh-CN': '该账号已停用，请联系管理员',
    });
  }
  if (needsRehash(user.passwordHash)) {
    const passwordHash = await hashPassword(credentials.password);
    await context.storage.mutate<UserFields>(user._id, (current) =>
      current.passwordHash === user.passwordHash ? { ...current, passwordHash } : undefined,
    );
  }
  const { token, session } = await startSession(context, user._id);
  return { user, token, session };
}
