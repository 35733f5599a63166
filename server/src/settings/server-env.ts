/** What `main.ts` reads from the environment. */
export interface ServerEnv {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
}

/** Reads HOST (127.0.0.1), PORT (3000; 0 = a free port) and DATA_DIR (./data); throws on a bad PORT. */
export function readServerEnv(env: Readonly<Record<string, string | undefined>>): ServerEnv {
  const host = env.HOST?.trim() || '127.0.0.1';
  const rawPort = env.PORT?.trim() || '3000';
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port > 65535) {
    throw new RangeError(`PORT must be a whole number from 0 to 65535, not "${rawPort}"`);
  }
  return { host, port, dataDir: env.DATA_DIR?.trim() || './data' };
}
