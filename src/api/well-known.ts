// Discovery documents: NodeInfo and host-meta (WebFinger comes with federation).
import { Hono } from 'hono';
import { escapeHtml } from '../core/text/html.ts';
import { PARLEY_VERSION, SOURCE_URL } from '../version.ts';
import type { ApiDeps, AppEnv } from './deps.ts';

const NODEINFO_VERSIONS = ['2.0', '2.1'] as const;

export function wellKnownRoutes(deps: ApiDeps) {
  const { core, config } = deps;
  const app = new Hono<AppEnv>();

  app.get('/.well-known/nodeinfo', (c) =>
    c.json({
      links: NODEINFO_VERSIONS.map((v) => ({ rel: `http://nodeinfo.diaspora.software/ns/schema/${v}`, href: `${config.origin}/nodeinfo/${v}` })),
    }),
  );

  for (const version of NODEINFO_VERSIONS) {
    app.get(`/nodeinfo/${version}`, async (c) => {
      const [usage, localPosts] = await Promise.all([core.instance.usage(), core.instance.localPosts()]);
      const software = version === '2.1' ? { name: 'parley', version: PARLEY_VERSION, repository: SOURCE_URL, homepage: SOURCE_URL } : { name: 'parley', version: PARLEY_VERSION };
      c.header('Content-Type', `application/json; profile="http://nodeinfo.diaspora.software/ns/schema/${version}#"`);
      return c.body(
        JSON.stringify({
          version,
          software,
          protocols: ['activitypub'],
          services: { inbound: [], outbound: ['atom1.0', 'rss2.0'] },
          openRegistrations: config.registrations !== 'closed',
          usage: { users: { total: usage.users, activeMonth: usage.activeMonth, activeHalfyear: usage.halfYear }, localPosts },
          // Clients such as megalodon recognise Mastodon-compatible servers by this upstream marker.
          metadata: { nodeName: config.instance.title, nodeDescription: config.instance.description, upstream: { name: 'mastodon', version: '4.5.0' } },
        }),
      );
    });
  }

  app.get('/.well-known/host-meta', (c) => {
    c.header('Content-Type', 'application/xrd+xml; charset=utf-8');
    const template = escapeHtml(`${config.origin}/.well-known/webfinger?resource={uri}`);
    return c.body(`<?xml version="1.0" encoding="UTF-8"?>\n<XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0">\n  <Link rel="lrdd" template="${template}"/>\n</XRD>\n`);
  });
  app.get('/.well-known/host-meta.json', (c) => c.json({ links: [{ rel: 'lrdd', template: `${config.origin}/.well-known/webfinger?resource={uri}` }] }));
  return app;
}
