// Who sent a request. Behind a proxy every request comes from the proxy's address, so when the
// socket's peer is a proxy we trust (PARLEY_TRUSTED_PROXIES), the address it reports is read:
// X-Forwarded-For, or RFC 7239 Forwarded. Each proxy appends the address it was connected from, so
// the chain is read from the right, past trusted hops: the first hop we do not trust is the client
// (anything further left is whatever that client chose to send).
import net from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import parseForwarded from 'forwarded-parse';
import type { Context } from 'hono';
import type { TrustedProxy } from '../config.ts';
import type { AppEnv } from './deps.ts';

export interface ForwardingHeaders {
  forwarded?: string | undefined;
  xForwardedFor?: string | undefined;
}

export interface ProxyTrust {
  /** whether a connection from this address is one of our proxies (any spelling, IPv4 mapped in IPv6 included) */
  isTrustedProxy(address: string): boolean;
  /** the client's address, from the socket's peer and the headers it sent */
  clientAddress(socketAddress: string | undefined, headers: ForwardingHeaders): string;
}

/** What we call a client whose socket address is unknown (a request handed to app.fetch directly). */
export const UNKNOWN_ADDRESS = 'unknown';

/**
 * A hop as a proxy wrote it (`192.0.2.1`, `192.0.2.1:4711`, `[2001:db8::1]:4711`, `2001:db8::1`)
 * in one spelling, an IPv4 address mapped in IPv6 as IPv4; undefined for anything that is not an
 * address (`unknown`, an obfuscated `_hidden`, garbage).
 */
export function parseHop(text: string): string | undefined {
  const hop = text.trim();
  const address = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(hop)?.[1] ?? /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(hop)?.[1] ?? hop;
  const family = net.isIP(address);
  if (family === 0) return undefined;
  const canonical = new net.SocketAddress({ address, family: family === 4 ? 'ipv4' : 'ipv6' }).address;
  // A dual-stack socket shows an IPv4 client as ::ffff:a.b.c.d: it is that IPv4 client.
  return /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(canonical)?.[1] ?? canonical;
}

/** The hops X-Forwarded-For lists, left (furthest) to right (nearest). */
function xForwardedForHops(header: string): string[] {
  return header
    .split(',')
    .map((hop) => hop.trim())
    .filter((hop) => hop !== '');
}

/** The `for` of each Forwarded element (an element without one is a hop of unknown address); undefined when malformed. */
function forwardedHops(header: string): string[] | undefined {
  try {
    return parseForwarded(header).map((element) => element.for ?? 'unknown');
  } catch {
    return undefined;
  }
}

export function proxyTrust(proxies: readonly TrustedProxy[]): ProxyTrust {
  const trusted = new net.BlockList();
  for (const p of proxies) trusted.addSubnet(p.address, p.prefix, p.family);
  /** `hop` as parseHop spells it */
  const trustedHop = (hop: string): boolean => trusted.check(hop, net.isIPv4(hop) ? 'ipv4' : 'ipv6');
  const isTrustedProxy = (address: string): boolean => {
    const hop = parseHop(address);
    return hop !== undefined && trustedHop(hop);
  };

  /**
   * The client a chain names, reported to the nearest hop `peer`: right to left, the first hop not
   * trusted. A hop that is no address (`unknown`, obfuscated) cannot be looked past: the client is
   * then the trusted hop that reported it.
   */
  const clientOf = (hops: string[], peer: string): string => {
    let reporter = peer;
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = parseHop(hops[i]!);
      if (hop === undefined) return reporter;
      if (!trustedHop(hop)) return hop;
      reporter = hop;
    }
    // Trusted all the way: the furthest hop is as near the client as we can see.
    return reporter;
  };

  return {
    isTrustedProxy,
    clientAddress(socketAddress, headers) {
      const peer = socketAddress === undefined ? undefined : parseHop(socketAddress);
      if (peer === undefined) return socketAddress ?? UNKNOWN_ADDRESS;
      if (!trustedHop(peer) || (headers.forwarded === undefined && headers.xForwardedFor === undefined)) return peer;
      const fromXff = headers.xForwardedFor === undefined ? undefined : clientOf(xForwardedForHops(headers.xForwardedFor), peer);
      if (headers.forwarded === undefined) return fromXff!;
      const hops = forwardedHops(headers.forwarded);
      // A malformed Forwarded header names nobody.
      const fromForwarded = hops ? clientOf(hops, peer) : peer;
      // A proxy writes one of the two headers and passes the other through as the client sent it:
      // when they disagree we cannot tell which is the proxy's, and believe neither.
      return fromXff === undefined || fromXff === fromForwarded ? fromForwarded : peer;
    },
  };
}

/** The socket's peer, as the connection shows it (undefined for a request handed to app.fetch directly). */
function socketAddressOf(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}

/** The client's address for this request: every use of it (rate limits, what is stored) asks here. */
export function clientIp(c: Context): string {
  const env = c as Context<AppEnv>;
  const known = env.get('clientAddress');
  if (known !== undefined) return known;
  const socketAddress = socketAddressOf(c);
  const trust = env.get('proxyTrust');
  const address = trust
    ? trust.clientAddress(socketAddress, { forwarded: c.req.header('forwarded'), xForwardedFor: c.req.header('x-forwarded-for') })
    : socketAddress === undefined
      ? UNKNOWN_ADDRESS
      : (parseHop(socketAddress) ?? socketAddress);
  env.set('clientAddress', address);
  return address;
}
