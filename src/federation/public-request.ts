// Behind a TLS-terminating proxy a request reaches Parley as http://, with whatever Host the proxy
// forwards; the sender addressed it, and signed it, at the public origin. Fedify reads both from
// the request (its context's origin, RFC 9421's @target-uri and @authority, draft-cavage's host
// header), so it is given the request as sent: at PARLEY_ORIGIN, whatever the proxy forwarded.

/** The request at `origin`: same method, path, headers and body, with the origin's URL and Host. */
export function atPublicOrigin(request: Request, origin: URL): Request {
  const url = new URL(request.url);
  if (url.origin === origin.origin && request.headers.get('host') === origin.host) return request;
  const headers = new Headers(request.headers);
  headers.set('host', origin.host);
  return new Request(`${origin.origin}${url.pathname}${url.search}`, {
    method: request.method,
    headers,
    body: request.body,
    signal: request.signal,
    // Node's fetch needs this to pass a body stream along.
    ...(request.body ? { duplex: 'half' } : {}),
  } as RequestInit);
}
