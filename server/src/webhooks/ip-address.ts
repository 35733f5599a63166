import { isIP } from 'node:net';

/** An IP address as a number: 32 bits for IPv4, 128 bits for IPv6. */
export interface IpAddress {
  readonly family: 4 | 6;
  readonly value: bigint;
}

/**
 * Parses an IP address in the canonical forms DNS answers and the URL parser give (dotted IPv4;
 * IPv6 with `::`, an embedded dotted IPv4 tail or a `%zone`, with or without brackets).
 * Anything `isIP` rejects — a host name — gives `undefined`.
 */
export function parseIp(text: string): IpAddress | undefined {
  const bare = text.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return { family: 4, value: parseIpv4(bare) };
  if (family === 6) return { family: 6, value: parseIpv6(bare) };
  return undefined;
}

function parseIpv4(text: string): bigint {
  return text.split('.').reduce((sum, part) => (sum << 8n) | BigInt(Number(part)), 0n);
}

function parseIpv6(text: string): bigint {
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  const hex = dotted === undefined ? text : text.slice(0, -dotted.length) + v4ToGroups(dotted);
  const [head = '', tail] = hex.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = new Array<string>(8 - left.length - right.length).fill('0');
  const groups = tail === undefined ? left : [...left, ...zeros, ...right];
  return groups.reduce((sum, group) => (sum << 16n) | BigInt(Number.parseInt(group, 16)), 0n);
}

function v4ToGroups(dotted: string): string {
  const value = parseIpv4(dotted);
  return `${(value >> 16n).toString(16)}:${(value & 0xffffn).toString(16)}`;
}

/** The dotted text of a 32-bit IPv4 value, for messages. */
export function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
}

/** A CIDR block, parsed once: `10.0.0.0/8`, `fe80::/10`. */
export interface Cidr {
  readonly text: string;
  readonly family: 4 | 6;
  readonly base: bigint;
  readonly prefix: number;
}

export function cidr(text: string): Cidr {
  const [address = '', bits = ''] = text.split('/');
  const ip = parseIp(address);
  if (ip === undefined) throw new Error(`not a CIDR block: ${text}`);
  return { text, family: ip.family, base: ip.value, prefix: Number(bits) };
}

export function inCidr(ip: IpAddress, block: Cidr): boolean {
  if (ip.family !== block.family) return false;
  const width = ip.family === 4 ? 32n : 128n;
  const shift = width - BigInt(block.prefix);
  return ip.value >> shift === block.base >> shift;
}
