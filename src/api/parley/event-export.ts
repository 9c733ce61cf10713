// An event's export for its staff (host, co-hosts, moderators): the event and every question,
// answered ones with their answers in the order answered, then the unanswered ones (pending,
// approved, hidden) marked as such, as Markdown for people or JSON (the API's Question) for programs.
import { Hono } from 'hono';
import { z } from 'zod';
import { NotFoundError } from '../../core/errors.ts';
import type { Auth } from '../auth.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { urlContext } from '../mastodon/entities/account.ts';
import { input } from '../params.ts';
import { renderEvents, renderQuestions } from './entities/event.ts';
import { EVENT } from './events.ts';
import { eventMarkdown } from './export-markdown.ts';

const exportParams = z.object({ format: z.enum(['markdown', 'json']).optional().default('markdown') });

/** A file name from the title: ASCII letters and digits only, so any browser keeps it as given. */
function exportFileName(eventId: string, title: string, format: 'markdown' | 'json'): string {
  const slug = title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `event-${eventId}${slug ? `-${slug}` : ''}.${format === 'json' ? 'json' : 'md'}`;
}

export function eventExportRoutes(deps: ApiDeps, auth: Auth) {
  const { core, config } = deps;
  const urls = urlContext(config);
  const app = new Hono<AppEnv>();

  app.get(`${EVENT}/export`, async (c) => {
    const actor = await auth.user(c, 'read:statuses');
    const { format } = await input(c, exportParams);
    const archive = await core.events.exportArchive(actor, c.req.param('id'));
    const [[event], answered, unanswered] = await Promise.all([
      renderEvents(core, [archive.event], urls),
      renderQuestions(core, archive.answered, urls, false),
      renderQuestions(core, archive.unanswered, urls, false),
    ]);
    if (!event) throw new NotFoundError();
    const now = new Date();
    const headers = {
      'Content-Disposition': `attachment; filename="${exportFileName(event.id, event.title, format)}"`,
      'Cache-Control': 'private, no-store',
    };
    if (format === 'json') return c.json({ event, exported_at: now.toISOString(), questions: [...answered, ...unanswered] }, 200, headers);
    return c.body(eventMarkdown(event, answered, unanswered, now), 200, { ...headers, 'Content-Type': 'text/markdown; charset=utf-8' });
  });
  return app;
}
