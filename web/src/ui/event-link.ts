// Telling an event's announcement from its content, on the client: the server's post links to the
// event's page, and the post's JSON says nothing more.

/** The event an announcement's content links to (`<origin>/events/<id>`), on this server. */
export function announcedEventId(html: string, origin: string): string | null {
  for (const m of html.matchAll(/href="([^"]+)"/g)) {
    let url: URL;
    try {
      url = new URL(m[1]!.replaceAll('&amp;', '&'));
    } catch {
      continue;
    }
    const id = url.origin === origin ? /^\/events\/(\d+)\/?$/.exec(url.pathname)?.[1] : undefined;
    if (id) return id;
  }
  return null;
}
