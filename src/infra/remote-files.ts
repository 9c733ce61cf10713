// Files other servers serve (their posts' pictures), fetched under the guards Parley's federation
// fetches with (Fedify's `validatePublicUrl`, governed by PARLEY_FEDERATION_ALLOW_PRIVATE_ADDRESS):
// no loopback, private or link-local address, checked before the request, again on the address the
// connection really uses (a name that resolves elsewhere the second time), and at every redirect;
// never more bytes than asked (the declared length refused before reading, the body cut when it
// runs over); a bounded time.
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { isValidPublicIPv4Address, isValidPublicIPv6Address, UrlError, validatePublicUrl } from '@fedify/vocab-runtime';
import { type FetchRemoteFile, RemoteFileRefused } from '../core/media/remote-preview.ts';

const MAX_REDIRECTS = 3;
const TIMEOUT_MS = 30_000;

const isPublic = (address: string, family: number) => (family === 6 ? isValidPublicIPv6Address(address) : isValidPublicIPv4Address(address));

/** DNS as usual, refusing a name that resolves to an address that is not public (the connection's own lookup). */
export const publicLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const refused = addresses.find((a) => !isPublic(a.address, a.family));
    if (refused || addresses.length === 0) return callback(new RemoteFileRefused(`${hostname} resolves to ${refused?.address ?? 'nothing'}, not a public address`), '', 0);
    if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
};

function request(url: URL, options: { userAgent: string; guarded: boolean; signal: AbortSignal }): Promise<http.IncomingMessage> {
  const get = url.protocol === 'https:' ? https.get : http.get;
  return new Promise((resolve, reject) => {
    const req = get(url, { headers: { 'user-agent': options.userAgent, accept: 'image/*' }, signal: options.signal, ...(options.guarded ? { lookup: publicLookup } : {}) }, resolve);
    req.on('error', reject);
  });
}

async function body(response: http.IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers['content-length']);
  if (declared > maxBytes) {
    response.destroy();
    throw new RemoteFileRefused(`is ${declared} bytes, more than the ${maxBytes} bytes fetched`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      response.destroy();
      throw new RemoteFileRefused(`is more than the ${maxBytes} bytes fetched`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Checks an address (each hop of redirects) the way Fedify checks what federation fetches. */
async function checked(url: URL, guarded: boolean): Promise<URL> {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new RemoteFileRefused(`${url.protocol} addresses are not fetched`);
  if (!guarded) return url;
  try {
    await validatePublicUrl(url.href);
  } catch (error) {
    throw error instanceof UrlError ? new RemoteFileRefused(`${url.host}: ${error.message}`) : error;
  }
  return url;
}

export function createRemoteFiles(options: { allowPrivateAddress: boolean; userAgent: string }): FetchRemoteFile {
  const guarded = !options.allowPrivateAddress;
  return async (address, maxBytes) => {
    const signal = AbortSignal.timeout(TIMEOUT_MS);
    let url = await checked(new URL(address), guarded);
    for (let hops = 0; ; hops++) {
      const response = await request(url, { userAgent: options.userAgent, guarded, signal });
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location) {
        response.resume();
        if (hops >= MAX_REDIRECTS) throw new RemoteFileRefused(`more than ${MAX_REDIRECTS} redirects`);
        url = await checked(new URL(location, url), guarded);
        continue;
      }
      if (status !== 200) {
        response.resume();
        // The server's own word that the file is not there (or not for us) is final; its trouble is not.
        if (status >= 400 && status < 500 && status !== 408 && status !== 429) throw new RemoteFileRefused(`answered ${status}`);
        throw new Error(`${url.host} answered ${status}`);
      }
      return body(response, maxBytes);
    }
  };
}
