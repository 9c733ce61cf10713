// Who the client is, from the socket's peer and the forwarding headers of proxies we trust.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHop, proxyTrust } from '../../src/api/client-address.ts';
import { loadConfig } from '../../src/config.ts';

const trust = (list: string) => proxyTrust(loadConfig({ PARLEY_TRUSTED_PROXIES: list }).trustedProxies);

describe('a hop as a proxy writes it', () => {
  it('reads IPv4 and IPv6, with ports and brackets, in one spelling', () => {
    assert.equal(parseHop('203.0.113.7'), '203.0.113.7');
    assert.equal(parseHop(' 203.0.113.7:4711 '), '203.0.113.7');
    assert.equal(parseHop('2001:DB8:0:0::1'), '2001:db8::1');
    assert.equal(parseHop('[2001:db8::1]'), '2001:db8::1');
    assert.equal(parseHop('[2001:db8::1]:4711'), '2001:db8::1');
    assert.equal(parseHop('::ffff:127.0.0.1'), '127.0.0.1', 'an IPv4 address mapped in IPv6 is that IPv4 address');
    assert.equal(parseHop('[::ffff:7f00:1]:80'), '127.0.0.1');
  });

  it('finds no address in identifiers and garbage', () => {
    for (const text of ['unknown', '_hidden', '_SEVKISEK', '', 'example.com', '1.2.3', '01.2.3.4', '0x7f.1', '1.2.3.4:99999x', '2001:db8::1:80:', '[2001:db8::1', '1.2.3.4, 5.6.7.8']) {
      assert.equal(parseHop(text), undefined, text);
    }
  });
});

describe('the client behind trusted proxies', () => {
  const loopback = trust('127.0.0.0/8,::1');

  it('is the socket peer when no proxy is trusted there, whatever the headers say', () => {
    assert.equal(loopback.clientAddress('198.51.100.9', { xForwardedFor: '203.0.113.7' }), '198.51.100.9');
    assert.equal(loopback.clientAddress('198.51.100.9', { forwarded: 'for=203.0.113.7' }), '198.51.100.9');
    assert.equal(trust('none').clientAddress('127.0.0.1', { xForwardedFor: '203.0.113.7' }), '127.0.0.1');
    assert.equal(loopback.clientAddress('::ffff:198.51.100.9', {}), '198.51.100.9');
  });

  it('matches IPv4 rules for IPv4 peers mapped in IPv6, and IPv6 rules in any spelling', () => {
    assert.equal(loopback.isTrustedProxy('::ffff:127.0.0.1'), true);
    assert.equal(loopback.isTrustedProxy('127.8.9.10'), true);
    assert.equal(loopback.isTrustedProxy('0:0:0:0:0:0:0:1'), true);
    assert.equal(loopback.isTrustedProxy('::ffff:10.0.0.1'), false);
    assert.equal(loopback.isTrustedProxy('not an address'), false);
    assert.equal(loopback.clientAddress('::ffff:127.0.0.1', { xForwardedFor: '203.0.113.7' }), '203.0.113.7');
    assert.equal(trust('fd00::/8').clientAddress('fd12::5', { xForwardedFor: '2001:db8::7' }), '2001:db8::7');
  });

  it('reads X-Forwarded-For right to left, past trusted hops, ignoring what the client put further left', () => {
    const inner = trust('127.0.0.1,10.0.0.0/8');
    assert.equal(inner.clientAddress('127.0.0.1', { xForwardedFor: '203.0.113.7' }), '203.0.113.7');
    assert.equal(inner.clientAddress('127.0.0.1', { xForwardedFor: '6.6.6.6, 203.0.113.7, 10.1.2.3' }), '203.0.113.7', 'a spoofed hop on the left is not believed');
    assert.equal(inner.clientAddress('127.0.0.1', { xForwardedFor: '10.0.0.5, 10.1.2.3' }), '10.0.0.5', 'trusted all the way: the furthest hop');
    assert.equal(inner.clientAddress('127.0.0.1', { xForwardedFor: '[2001:db8::1]:4711,203.0.113.7:80' }), '203.0.113.7');
    assert.equal(inner.clientAddress('127.0.0.1', { xForwardedFor: '2001:db8::1, ,10.1.2.3' }), '2001:db8::1', 'empty entries are skipped');
  });

  it('stops at a hop that is no address: the trusted hop that wrote it is the client', () => {
    const inner = trust('127.0.0.1,10.0.0.0/8');
    assert.equal(inner.clientAddress('127.0.0.1', { xForwardedFor: '203.0.113.7, unknown' }), '127.0.0.1');
    assert.equal(inner.clientAddress('127.0.0.1', { xForwardedFor: '203.0.113.7, garbage!, 10.1.2.3' }), '10.1.2.3');
    assert.equal(inner.clientAddress('127.0.0.1', { xForwardedFor: '' }), '127.0.0.1');
  });

  it('reads RFC 7239 Forwarded: quoted IPv6 with ports, obfuscated and unknown identifiers, other parameters', () => {
    assert.equal(loopback.clientAddress('127.0.0.1', { forwarded: 'for="[2001:db8:cafe::17]:4711";proto=https;by=203.0.113.43' }), '2001:db8:cafe::17');
    assert.equal(loopback.clientAddress('127.0.0.1', { forwarded: 'for=6.6.6.6, For=192.0.2.60, for=127.0.0.1' }), '192.0.2.60');
    assert.equal(loopback.clientAddress('127.0.0.1', { forwarded: 'for=_hidden' }), '127.0.0.1');
    assert.equal(loopback.clientAddress('127.0.0.1', { forwarded: 'for=192.0.2.60, for=unknown' }), '127.0.0.1');
    assert.equal(loopback.clientAddress('127.0.0.1', { forwarded: 'proto=https' }), '127.0.0.1', 'an element without for= hides its address');
    assert.equal(loopback.clientAddress('127.0.0.1', { forwarded: 'for="unterminated, for=192.0.2.60' }), '127.0.0.1', 'a malformed header names nobody');
  });

  it('believes neither header when both are sent and name different clients', () => {
    assert.equal(loopback.clientAddress('127.0.0.1', { xForwardedFor: '203.0.113.7', forwarded: 'for=203.0.113.7' }), '203.0.113.7');
    assert.equal(loopback.clientAddress('127.0.0.1', { xForwardedFor: '203.0.113.7', forwarded: 'for=198.51.100.1' }), '127.0.0.1');
    assert.equal(loopback.clientAddress('127.0.0.1', { xForwardedFor: '203.0.113.7', forwarded: 'for="oops' }), '127.0.0.1');
  });

  it('keeps a socket address it cannot read, and names a missing one', () => {
    assert.equal(loopback.clientAddress(undefined, { xForwardedFor: '203.0.113.7' }), 'unknown');
  });
});
