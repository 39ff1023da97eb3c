import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AddressGuard, embeddedIpv4 } from './address-guard.js';

const guard = new AddressGuard([], 'channels.allow_private_addresses');

describe('AddressGuard', () => {
  const refused: [string, string][] = [
    ['IPv4 loopback', '127.0.0.1'],
    ['IPv4 private', '10.1.2.3'],
    ['cloud metadata', '169.254.169.254'],
    ['IPv6 loopback', '::1'],
    ['IPv6 unspecified', '::'],
    ['IPv6 unique local', 'fd00::1'],
    ['IPv6 link-local with a zone', 'fe80::1%eth0'],
    ['IPv4-mapped, dotted', '::ffff:127.0.0.1'],
    ['IPv4-mapped, hex', '::ffff:7f00:1'],
    ['IPv4-mapped, fully written out', '0:0:0:0:0:ffff:7f00:0001'],
    ['IPv4-mapped, bracketed', '[::ffff:a9fe:a9fe]'],
    ['IPv4-mapped, upper case', '::FFFF:10.0.0.1'],
    ['IPv4-translated (SIIT)', '::ffff:0:7f00:1'],
    ['IPv4-compatible, dotted', '::127.0.0.1'],
    ['IPv4-compatible, hex', '::7f00:1'],
    ['IPv4-compatible private', '::10.0.0.1'],
    ['NAT64 well-known prefix, dotted', '64:ff9b::127.0.0.1'],
    ['NAT64 well-known prefix, hex', '64:ff9b::a9fe:a9fe'],
    ['NAT64 well-known prefix to a private address', '64:ff9b::c0a8:101'],
    ['NAT64 local-use prefix', '64:ff9b:1::8.8.8.8'],
    ['NAT64 local-use prefix to loopback', '64:ff9b:1:0:0:0:7f00:1'],
    ['6to4 of a private address', '2002:a00:1::1'],
  ];
  for (const [name, address] of refused) {
    it(`refuses ${name} (${address})`, () => {
      const reason = guard.refusal(address);
      assert.ok(reason !== undefined, `${address} was allowed`);
      assert.match(reason, /is a loopback, private or link-local address; add it to channels\.allow_private_addresses to reach it$/);
    });
  }

  const allowed: [string, string][] = [
    ['a public IPv4 address', '93.184.216.34'],
    ['a public IPv6 address', '2606:4700:4700::1111'],
    ['IPv4-mapped public', '::ffff:93.184.216.34'],
    ['IPv4-mapped public, hex', '::ffff:5db8:d822'],
    ['NAT64 of a public address', '64:ff9b::8.8.8.8'],
    ['6to4 of a public address', '2002:5db8:d822::1'],
  ];
  for (const [name, address] of allowed) {
    it(`allows ${name} (${address})`, () => assert.equal(guard.refusal(address), undefined));
  }

  it('names the embedded IPv4 address it judged', () => {
    assert.match(guard.refusal('::ffff:7f00:1')!, /^::ffff:7f00:1 \(127\.0\.0\.1\) is a loopback/);
  });

  it('lets an allow-listed IPv4 address through in every IPv6 notation that embeds it', () => {
    const open = new AddressGuard(['127.0.0.1', '10.0.0.0/8']);
    for (const address of ['127.0.0.1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::127.0.0.1', '64:ff9b::7f00:1', '::ffff:10.9.8.7']) {
      assert.equal(open.refusal(address), undefined, address);
    }
    assert.ok(open.refusal('::ffff:192.168.0.1') !== undefined);
  });

  it('trusts the exact origins of configured URLs: scheme, host and port', () => {
    const trusting = new AddressGuard([], 'detection.allow_private_addresses', ['http://Prom.Internal:80/api/v1', 'https://[::1]:9443', 'not a url']);
    assert.equal(trusting.isTrustedOrigin(new URL('http://prom.internal/api/v1/query?x')), true);
    assert.equal(trusting.isTrustedOrigin(new URL('https://[::1]:9443/')), true);
    for (const url of ['https://prom.internal/', 'http://prom.internal:9090/', 'http://prom.internal.evil.example/', 'http://[::1]:9443/']) {
      assert.equal(trusting.isTrustedOrigin(new URL(url)), false, url);
    }
  });

  it('decodes the embedded IPv4 address', () => {
    const cases: [string, string | undefined][] = [
      ['::ffff:7f00:1', '127.0.0.1'], ['::ffff:1.2.3.4', '1.2.3.4'], ['::7f00:1', '127.0.0.1'], ['64:ff9b::102:304', '1.2.3.4'],
      ['2002:102:304::', '1.2.3.4'], ['2606:4700:4700::1111', undefined], ['not an address', undefined], ['1:2:3:4:5:6:7:8:9', undefined],
    ];
    for (const [address, v4] of cases) assert.equal(embeddedIpv4(address), v4, address);
  });
});
