/** A command's words and flags: `--dry-run`, `--name value` or `--name=value`. */
export interface ParsedArgs {
  readonly positional: readonly string[];
  readonly flags: ReadonlyMap<string, string | true>;
}

/**
 * Splits arguments into words and the flags a command knows (`known`: flag → whether it takes
 * a value). An unknown flag, or a value missing, is an `ArgsError` for the usage text.
 */
export function parseArgs(
  args: readonly string[],
  known: Readonly<Record<string, 'switch' | 'value'>>,
): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name = '', inline] = arg.slice(2).split(/=(.*)/s, 2);
    const kind = known[name];
    if (kind === undefined) throw new ArgsError(`unknown option --${name}`);
    if (kind === 'switch') {
      if (inline !== undefined) throw new ArgsError(`--${name} takes no value`);
      flags.set(name, true);
    } else {
      const value = inline ?? args[++i];
      if (value === undefined || value === '') throw new ArgsError(`--${name} needs a value`);
      flags.set(name, value);
    }
  }
  return { positional, flags };
}

/** Wrong words on the command line: the CLI prints the problem and the help text (exit 2). */
export class ArgsError extends Error {
  override name = 'ArgsError';
}
