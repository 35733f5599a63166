import type { Bilingual } from '@tessera/core';
import { type Cidr, cidr, formatIpv4, inCidr, parseIp } from './ip-address.ts';

/**
 * Why an address is refused as a webhook destination. `allowPrivate` lifts only the rules marked
 * `private` (for tests and on-premises receivers); metadata, multicast, reserved and unspecified
 * addresses are refused always.
 */
export const ADDRESS_RULES = {
  metadata: {
    private: false,
    label: { en: 'a cloud metadata address', 'zh-CN': '云平台元数据地址' },
    blocks: ['169.254.169.254/32', '169.254.170.2/32', '100.100.100.200/32', 'fd00:ec2::254/128'],
  },
  unspecified: {
    private: false,
    label: { en: 'an unspecified address', 'zh-CN': '未指定地址' },
    blocks: ['0.0.0.0/8', '::/128'],
  },
  loopback: {
    private: true,
    label: { en: 'a loopback address', 'zh-CN': '回环地址' },
    blocks: ['127.0.0.0/8', '::1/128'],
  },
  private: {
    private: true,
    label: { en: 'a private network address', 'zh-CN': '私有网络地址' },
    blocks: [
      '10.0.0.0/8',
      '172.16.0.0/12',
      '192.168.0.0/16',
      'fc00::/7',
      'fec0::/10',
      '64:ff9b:1::/48',
    ],
  },
  link_local: {
    private: true,
    label: { en: 'a link-local address', 'zh-CN': '链路本地地址' },
    blocks: ['169.254.0.0/16', 'fe80::/10'],
  },
  cgnat: {
    private: true,
    label: { en: 'a carrier-grade NAT (shared) address', 'zh-CN': '运营商级 NAT 共享地址' },
    blocks: ['100.64.0.0/10'],
  },
  multicast: {
    private: false,
    label: { en: 'a multicast address', 'zh-CN': '组播地址' },
    blocks: ['224.0.0.0/4', 'ff00::/8'],
  },
  reserved: {
    private: false,
    label: { en: 'a reserved or special-purpose address', 'zh-CN': '保留或特殊用途地址' },
    blocks: [
      '240.0.0.0/4',
      '192.0.0.0/24',
      '192.0.2.0/24',
      '192.88.99.0/24',
      '198.18.0.0/15',
      '198.51.100.0/24',
      '203.0.113.0/24',
      '::/96',
      '100::/64',
      '2001::/23',
      '2001:db8::/32',
      '3fff::/20',
      '5f00::/16',
    ],
  },
} as const satisfies Record<string, { private: boolean; label: Bilingual; blocks: string[] }>;

export type AddressRule = keyof typeof ADDRESS_RULES;

/** The rule an address breaks, the block it falls in, and the IPv4 address it embeds, if any. */
export interface AddressMatch {
  readonly rule: AddressRule;
  readonly block: string;
  readonly embedded?: string;
}

const TABLE: readonly (readonly [AddressRule, Cidr])[] = Object.entries(ADDRESS_RULES).flatMap(
  ([rule, { blocks }]) => blocks.map((block) => [rule as AddressRule, cidr(block)] as const),
);

/** IPv6 prefixes that carry an IPv4 address, and where it sits (bits from the right). */
const EMBEDDING: readonly (readonly [Cidr, bigint])[] = [
  [cidr('::ffff:0:0/96'), 0n], // IPv4-mapped
  [cidr('64:ff9b::/96'), 0n], // NAT64
  [cidr('2002::/16'), 80n], // 6to4
];

const GLOBAL_UNICAST = cidr('2000::/3');

/**
 * Which rule refuses `address`, or `undefined` when it is a public unicast address. An IPv6
 * address that embeds an IPv4 one (mapped, NAT64, 6to4) is judged by the IPv4 address; any other
 * IPv6 address outside 2000::/3 is reserved.
 */
export function classifyAddress(address: string): AddressMatch | undefined {
  const ip = parseIp(address);
  if (ip === undefined) throw new TypeError(`not an IP address: ${address}`);
  for (const [block, shift] of EMBEDDING) {
    if (!inCidr(ip, block)) continue;
    const embedded = formatIpv4((ip.value >> shift) & 0xffffffffn);
    const match = classifyAddress(embedded);
    return match && { ...match, embedded };
  }
  const found = TABLE.find(([, block]) => inCidr(ip, block));
  if (found) return { rule: found[0], block: found[1].text };
  if (ip.family === 6 && !inCidr(ip, GLOBAL_UNICAST)) {
    return { rule: 'reserved', block: 'outside 2000::/3' };
  }
  return undefined;
}
