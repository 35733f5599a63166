/** What `main.ts` reads from the environment. */
export interface ServerEnv {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  /** TRUSTED_ORIGINS: public origins a proxy serves Tessera under, accepted by the CSRF check. */
  readonly trustedOrigins: readonly string[];
  /** WEBHOOKS_ALLOW_PRIVATE=true: webhooks may target private-network receivers (on premises). */
  readonly webhooksAllowPrivate: boolean;
  /** MAX_UPLOAD_BYTES: the cap on one uploaded file; absent = the default (50 MiB). */
  readonly maxUploadBytes?: number;
}

/** Reads HOST (127.0.0.1), PORT (3000; 0 = a free port) and DATA_DIR (./data); throws on a bad PORT. */
export function readServerEnv(env: Readonly<Record<string, string | undefined>>): ServerEnv {
  const host = env.HOST?.trim() || '127.0.0.1';
  const rawPort = env.PORT?.trim() || '3000';
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port > 65535) {
    throw new RangeError(`PORT must be a whole number from 0 to 65535, not "${rawPort}"`);
  }
  const rawUpload = env.MAX_UPLOAD_BYTES?.trim();
  if (rawUpload && (!/^\d+$/.test(rawUpload) || Number(rawUpload) < 1)) {
    throw new RangeError(`MAX_UPLOAD_BYTES must be a whole number of bytes, not "${rawUpload}"`);
  }
  return {
    host,
    port,
    trustedOrigins: readOrigins(env.TRUSTED_ORIGINS),
    webhooksAllowPrivate: readFlag('WEBHOOKS_ALLOW_PRIVATE', env.WEBHOOKS_ALLOW_PRIVATE),
    dataDir: env.DATA_DIR?.trim() || './data',
    ...(rawUpload ? { maxUploadBytes: Number(rawUpload) } : {}),
  };
}

/** `https://erp.example.com, https://tessera.example.com:8443` → the origins, each checked. */
function readOrigins(raw: string | undefined): string[] {
  const origins: string[] = [];
  for (const entry of (raw ?? '').split(',')) {
    const text = entry.trim();
    if (text === '') continue;
    let url: URL | undefined;
    try {
      url = new URL(text);
    } catch {
      url = undefined;
    }
    if (!url || !/^https?:$/.test(url.protocol) || url.origin !== text.replace(/\/$/, '')) {
      throw new RangeError(
        `TRUSTED_ORIGINS must list origins like https://erp.example.com (scheme, host, port; no path), not "${text}"`,
      );
    }
    origins.push(url.origin);
  }
  return origins;
}

/** `true`/`1`/`yes` or `false`/`0`/`no` (any case); absent is false. */
function readFlag(name: string, raw: string | undefined): boolean {
  const text = raw?.trim().toLowerCase() ?? '';
  if (['', 'false', '0', 'no'].includes(text)) return false;
  if (['true', '1', 'yes'].includes(text)) return true;
  throw new RangeError(`${name} must be true or false, not "${raw}"`);
}
