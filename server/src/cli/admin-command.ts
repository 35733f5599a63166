import type { PouchStorage } from '@tessera/runtime';
import { createAdmin } from '../accounts/first-admin.ts';
import { ApiError } from '../http/api-error.ts';
import { ArgsError, parseArgs } from './cli-args.ts';

/** Reads a password piped in (`--password-stdin`): its first line, without the line break. */
export async function readPasswordFromStdin(
  input: NodeJS.ReadableStream = process.stdin,
): Promise<string> {
  let text = '';
  for await (const chunk of input) text += chunk.toString();
  const password = text.split(/\r?\n/, 1)[0] ?? '';
  if (password === '') throw new ArgsError('--password-stdin read no password from standard input');
  return password;
}

/**
 * `tessera admin create USERNAME [--display-name NAME] [--password-stdin]`: makes another admin.
 * Prompts for nothing: without `--password-stdin` a random password is generated and printed
 * once. A taken username (any case) or a refused password is reported and exits 1.
 */
export async function adminCommand(
  args: readonly string[],
  openStorage: () => Promise<PouchStorage>,
): Promise<number> {
  const { positional, flags } = parseArgs(args, {
    'password-stdin': 'switch',
    'display-name': 'value',
  });
  const [action, username, ...extra] = positional;
  if (action !== 'create') {
    throw new ArgsError(action ? `unknown admin action "${action}"` : 'admin needs an action');
  }
  if (!username) throw new ArgsError('admin create needs the USERNAME');
  if (extra.length > 0) throw new ArgsError(`unexpected "${extra.join(' ')}"`);
  const given = flags.has('password-stdin') ? await readPasswordFromStdin() : undefined;
  const displayName = flags.get('display-name');
  const storage = await openStorage();
  try {
    const { user, password } = await createAdmin(
      { storage, now: Date.now },
      {
        username,
        ...(given === undefined ? {} : { password: given }),
        ...(typeof displayName === 'string' ? { displayName } : {}),
      },
    );
    console.log(`Admin created: ${user.username} (${user.id}) in ${storage.location}`);
    if (given === undefined) {
      console.log(`Password: ${password}  (shown once — change it after signing in)`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const field = error.field ? ` (${error.field.replace(/^\//, '')})` : '';
    console.error(`tessera: cannot create the admin${field}: ${error.detail.en}`);
    return 1;
  } finally {
    await storage.close();
  }
}
