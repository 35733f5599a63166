import { hashPassword } from '../auth/password-hash.ts';
import { passwordProblem } from '../auth/password-rules.ts';
import { ApiError } from '../http/api-error.ts';

/** Hashes a new password, or refuses it with a 400 naming `field` (too short, too long). */
export async function hashNewPassword(password: string, field: string): Promise<string> {
  const problem = passwordProblem(password);
  if (problem) throw new ApiError(400, problem.code, problem.detail, field);
  return hashPassword(password);
}
