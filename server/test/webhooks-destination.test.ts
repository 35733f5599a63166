import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyAddress } from '../src/webhooks/address-rules.ts';
import { checkDestination, type LookupAll } from '../src/webhooks/check-destination.ts';
import { DestinationError } from '../src/webhooks/destination-error.ts';

/** A lookup from a table; no DNS is ever asked. */
function fakeLookup(table: Record<string, string[]>): LookupAll {
  return async (host) =>
    (table[host] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
}

const publicLookup = fakeLookup({
  'hooks.example.com': ['93.184.215.14', '2606:2800:21f:cb07::1'],
});

async function refusal(url: string, lookup: LookupAll = publicLookup): Promise<DestinationError> {
  try {
    await checkDestination(url, { lookup });
  } catch (error) {
    assert.ok(error instanceof DestinationError, String(error));
    assert.ok(error.detail.en.length > 0 && error.detail['zh-CN'].length > 0);
    return error;
  }
  assert.fail(`${url} was allowed`);
}

describe('checkDestination', () => {
  it('allows a public host, keeping every checked address for pinning', async () => {
    const found = await checkDestination('https://hooks.example.com/tessera?x=1', {
      lookup: publicLookup,
    });
    assert.equal(found.hostname, 'hooks.example.com');
    assert.deepEqual(
      found.addresses.map((a) => a.family),
      [4, 6],
    );
    const literal = await checkDestination('http://8.8.8.8:8080/', { lookup: publicLookup });
    assert.deepEqual(literal.addresses, [{ address: '8.8.8.8', family: 4 }]);
    assert.equal((await checkDestination('http://[2001:4860::8888]/')).hostname, '2001:4860::8888');
  });

  it('refuses non-http schemes, credentials and invalid URLs', async () => {
    for (const url of [
      'ftp://hooks.example.com/',
      'file:///etc/passwd',
      'gopher://x/',
      'javascript:1',
    ]) {
      assert.equal((await refusal(url)).code, 'unsupported_scheme', url);
    }
    assert.equal((await refusal('https://user:pw@hooks.example.com/')).code, 'credentials_in_url');
    assert.equal((await refusal('https://:pw@hooks.example.com/')).code, 'credentials_in_url');
    assert.equal((await refusal('not a url')).code, 'invalid_url');
  });

  const literals: [string, string][] = [
    ['http://127.0.0.1/', 'loopback_address'],
    ['http://127.255.1.2/', 'loopback_address'],
    ['http://2130706433/', 'loopback_address'],
    ['http://0x7f000001/', 'loopback_address'],
    ['http://0x7f.1/', 'loopback_address'],
    ['http://0177.0.0.1/', 'loopback_address'],
    ['http://127.1/', 'loopback_address'],
    ['http://[::1]/', 'loopback_address'],
    ['http://0.0.0.0/', 'unspecified_address'],
    ['http://0/', 'unspecified_address'],
    ['http://[::]/', 'unspecified_address'],
    ['http://10.0.0.1/', 'private_address'],
    ['http://172.16.0.1/', 'private_address'],
    ['http://172.31.255.255/', 'private_address'],
    ['http://192.168.1.1/', 'private_address'],
    ['http://0xc0a80101/', 'private_address'],
    ['http://[fc00::1]/', 'private_address'],
    ['http://[fd12:3456::1]/', 'private_address'],
    ['http://169.254.1.1/', 'link_local_address'],
    ['http://[fe80::1]/', 'link_local_address'],
    ['http://169.254.169.254/latest/meta-data/', 'metadata_address'],
    ['http://2852039166/', 'metadata_address'],
    ['http://[fd00:ec2::254]/', 'metadata_address'],
    ['http://100.100.100.200/', 'metadata_address'],
    ['http://100.64.0.1/', 'cgnat_address'],
    ['http://100.127.255.255/', 'cgnat_address'],
    ['http://224.0.0.1/', 'multicast_address'],
    ['http://[ff02::1]/', 'multicast_address'],
    ['http://255.255.255.255/', 'reserved_address'],
    ['http://240.0.0.1/', 'reserved_address'],
    ['http://192.0.2.1/', 'reserved_address'],
    ['http://[2001:db8::1]/', 'reserved_address'],
    ['http://[::127.0.0.1]/', 'reserved_address'],
    ['http://[::ffff:127.0.0.1]/', 'loopback_address'],
    ['http://[::ffff:7f00:1]/', 'loopback_address'],
    ['http://[0:0:0:0:0:ffff:10.1.2.3]/', 'private_address'],
    ['http://[::ffff:169.254.169.254]/', 'metadata_address'],
    ['http://[64:ff9b::10.0.0.1]/', 'private_address'],
    ['http://[2002:7f00:1::]/', 'loopback_address'],
  ];
  for (const [url, code] of literals) {
    it(`refuses ${url} (${code})`, async () => {
      assert.equal((await refusal(url)).code, code);
    });
  }

  it('names the rule, the block and the embedded IPv4 address in both languages', async () => {
    const error = await refusal('http://[::ffff:127.0.0.1]/');
    assert.equal(error.address, '::ffff:7f00:1');
    assert.match(
      error.detail.en,
      /::ffff:7f00:1 \(IPv4 127\.0\.0\.1\) is a loopback address \(127\.0\.0\.0\/8\)/,
    );
    assert.match(error.detail['zh-CN'], /回环地址（127\.0\.0\.0\/8）/);
  });

  it('refuses a host when any one of its addresses is refused', async () => {
    const lookup = fakeLookup({
      'mixed.example': ['93.184.215.14', '10.0.0.7'],
      'v6.example': ['2606:2800:21f:cb07::1', 'fe80::1%eth0'],
      'mapped.example': ['::ffff:192.168.0.1'],
    });
    const mixed = await refusal('https://mixed.example/', lookup);
    assert.equal(mixed.code, 'private_address');
    assert.match(mixed.detail.en, /mixed\.example → 10\.0\.0\.7/);
    assert.equal((await refusal('https://v6.example/', lookup)).code, 'link_local_address');
    assert.equal((await refusal('https://mapped.example/', lookup)).code, 'private_address');
  });

  it('refuses metadata host names before resolving them, and unresolvable hosts', async () => {
    for (const url of [
      'http://metadata.google.internal/',
      'http://METADATA.google.internal./x',
      'http://instance-data/',
    ]) {
      assert.equal((await refusal(url)).code, 'metadata_host', url);
    }
    assert.equal((await refusal('https://nowhere.example/')).code, 'unresolved_host');
    const failing: LookupAll = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    assert.equal((await refusal('https://nowhere.example/', failing)).code, 'unresolved_host');
  });

  it('allowPrivate lifts loopback, private, link-local and CGNAT, but never metadata', async () => {
    for (const url of [
      'http://127.0.0.1:8080/',
      'http://[::1]/',
      'http://10.1.2.3/',
      'http://100.64.0.1/',
      'http://169.254.1.1/',
    ]) {
      await checkDestination(url, { allowPrivate: true });
    }
    for (const url of [
      'http://169.254.169.254/',
      'http://metadata.google.internal/',
      'http://224.0.0.1/',
      'http://0.0.0.0/',
    ]) {
      await assert.rejects(
        checkDestination(url, { allowPrivate: true, lookup: publicLookup }),
        DestinationError,
        url,
      );
    }
  });
});

describe('classifyAddress', () => {
  it('passes public unicast addresses, IPv4-mapped public ones included', () => {
    for (const address of [
      '8.8.8.8',
      '1.1.1.1',
      '100.63.255.255',
      '100.128.0.0',
      '172.32.0.1',
      '2606:4700::1111',
      '::ffff:8.8.8.8',
      '64:ff9b::8.8.8.8',
    ]) {
      assert.equal(classifyAddress(address), undefined, address);
    }
  });

  it('judges IPv6 outside 2000::/3 as reserved', () => {
    assert.deepEqual(classifyAddress('4000::1'), { rule: 'reserved', block: 'outside 2000::/3' });
  });
});
