import { lookup as dnsLookup } from 'node:dns/promises';
import { ADDRESS_RULES, classifyAddress } from './address-rules.ts';
import { DestinationError } from './destination-error.ts';
import { parseIp } from './ip-address.ts';

export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** Every A/AAAA address of a host name. Tests inject one so they need no DNS. */
export type LookupAll = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export interface DestinationOptions {
  /** Lift the loopback, private, link-local and CGNAT rules (tests, on-premises receivers). */
  readonly allowPrivate?: boolean;
  readonly lookup?: LookupAll;
}

/** A URL that may be contacted, with the checked addresses a connection must be pinned to. */
export interface Destination {
  readonly url: URL;
  /** The host without IPv6 brackets or a trailing dot: the Host header and TLS server name. */
  readonly hostname: string;
  readonly addresses: readonly ResolvedAddress[];
}

/** Names of cloud metadata services, refused whatever they resolve to. */
export const METADATA_HOSTS: ReadonlySet<string> = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'instance-data',
  'instance-data.ec2.internal',
]);

export const systemLookup: LookupAll = async (hostname) => {
  const found = await dnsLookup(hostname, { all: true, verbatim: true });
  return found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

/**
 * Checks that a webhook URL is http(s), carries no credentials, and that every address its host
 * resolves to is a public one (see `ADDRESS_RULES`). Throws a `DestinationError` naming the rule.
 */
export async function checkDestination(
  target: string | URL,
  options: DestinationOptions = {},
): Promise<Destination> {
  const url = parseUrl(target);
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.+$/, '');
  if (METADATA_HOSTS.has(hostname)) {
    throw new DestinationError('metadata_host', {
      en: `The webhook host ${hostname} is a cloud metadata service; it is refused.`,
      'zh-CN': `Webhook 主机 ${hostname} 是云平台元数据服务，已拒绝。`,
    });
  }
  const literal = parseIp(hostname);
  const addresses: readonly ResolvedAddress[] = literal
    ? [{ address: hostname, family: literal.family }]
    : await resolve(hostname, options.lookup ?? systemLookup);
  for (const { address } of addresses) refuseAddress(hostname, address, options.allowPrivate);
  return { url, hostname, addresses };
}

function parseUrl(target: string | URL): URL {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new DestinationError('invalid_url', {
      en: 'The webhook URL is not a valid absolute URL.',
      'zh-CN': 'Webhook 地址不是有效的绝对 URL。',
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new DestinationError('unsupported_scheme', {
      en: `The webhook URL must use http or https, not ${url.protocol.slice(0, -1)}.`,
      'zh-CN': `Webhook 地址必须使用 http 或 https，而不是 ${url.protocol.slice(0, -1)}。`,
    });
  }
  if (url.username !== '' || url.password !== '') {
    throw new DestinationError('credentials_in_url', {
      en: 'The webhook URL must not contain a user name or password; use the signing secret.',
      'zh-CN': 'Webhook 地址不能包含用户名或密码，请使用签名密钥。',
    });
  }
  return url;
}

async function resolve(hostname: string, lookup: LookupAll): Promise<readonly ResolvedAddress[]> {
  let found: readonly ResolvedAddress[] = [];
  try {
    found = await lookup(hostname);
  } catch {
    // reported below, the same as an empty answer
  }
  if (found.length === 0) {
    throw new DestinationError('unresolved_host', {
      en: `The webhook host ${hostname} could not be resolved.`,
      'zh-CN': `无法解析 Webhook 主机 ${hostname}。`,
    });
  }
  return found;
}

function refuseAddress(hostname: string, address: string, allowPrivate = false): void {
  const match = classifyAddress(address);
  if (match === undefined || (allowPrivate && ADDRESS_RULES[match.rule].private)) return;
  const { label } = ADDRESS_RULES[match.rule];
  const shown = match.embedded ? `${address} (IPv4 ${match.embedded})` : address;
  const where = hostname === address ? shown : `${hostname} → ${shown}`;
  throw new DestinationError(
    `${match.rule}_address`,
    {
      en: `The webhook destination ${where} is ${label.en} (${match.block}); it is refused.`,
      'zh-CN': `Webhook 目标 ${where} 属于${label['zh-CN']}（${match.block}），已拒绝。`,
    },
    address,
  );
}
