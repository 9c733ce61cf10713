// An event's public page (/events/:id) and its feed (/events/:id/feed.rss), for everybody: always
// rendered as an anonymous visitor sees them, whoever asks, so only answered questions and
// released answers appear, never a pending, hidden or withdrawn question.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { NotFoundError } from '../../core/errors.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { urlContext } from '../mastodon/entities/account.ts';
import { type EventArchive, eventText, loadArchive } from './event-archive.ts';
import { eventFeed } from './event-feed.ts';
import { eventPage } from './event-page.ts';
import { PUBLIC_CSP } from './html.ts';
import { notFoundPage } from './pages.ts';
import { contentLanguage, shownText, VARY_LANGUAGE, visitorContext } from './versions.ts';

const EVENT_PAGE = '/events/:id{[0-9]+}';

export function eventPageRoutes(deps: ApiDeps) {
  const { core, config } = deps;
  const urls = urlContext(config);
  const app = new Hono<AppEnv>();
  const headers = { 'Content-Security-Policy': PUBLIC_CSP, 'Cache-Control': 'public, max-age=60', ...VARY_LANGUAGE };
  const notFound = (c: Context) => c.html(notFoundPage(config, c.req.path), 404, headers);

  async function archiveOf(id: string): Promise<EventArchive | undefined> {
    try {
      return await loadArchive(core, id);
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  /** The languages of what a response shows: the event's text, the questions' and answers'. */
  const languagesShown = (archive: EventArchive, reader: ReturnType<typeof visitorContext>) => {
    const text = eventText(archive.view, reader);
    const posts = archive.questions.flatMap((q) => [q.question, ...(q.answer ? [q.answer] : [])]);
    return contentLanguage([{ contentHtml: '', spoilerText: '', language: text.language }, ...posts.map((p) => shownText(p, reader))]);
  };

  app.get(EVENT_PAGE, async (c) => {
    const archive = await archiveOf(c.req.param('id'));
    if (!archive) return notFound(c);
    const reader = visitorContext(c, urls);
    const page = eventPage(config, reader, archive, c.req.query('lang') !== undefined);
    return c.html(page, 200, { ...headers, ...languagesShown(archive, reader) });
  });

  app.get(`${EVENT_PAGE}/feed.rss`, async (c) => {
    const archive = await archiveOf(c.req.param('id'));
    if (!archive) return notFound(c);
    const reader = visitorContext(c, urls);
    return c.body(eventFeed(archive, reader), 200, {
      'Content-Type': 'application/rss+xml; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
      ...VARY_LANGUAGE,
      ...languagesShown(archive, reader),
    });
  });
  return app;
}
