// An event's answered questions as RSS 2.0: one item per question, the question its title and the
// start of its description, the answer after it, newest answer last as on the page.
import { eventUrl } from '../../core/events/service.ts';
import { escapeHtml as e } from '../../core/text/html.ts';
import type { UrlContext } from '../mastodon/entities/account.ts';
import { statusUrls } from '../mastodon/entities/status.ts';
import { type ArchivedQuestion, type EventArchive, eventText } from './event-archive.ts';
import { feedUrl } from './event-page.ts';
import { plainExcerpt } from './html.ts';
import { displayName, handle } from './render.ts';
import { shownText } from './versions.ts';

function item(q: ArchivedQuestion, pageUrl: string, ctx: UrlContext): string {
  const asked = shownText(q.question, ctx);
  const answer = q.answer ? shownText(q.answer, ctx) : null;
  const link = `${pageUrl}#q-${q.id}`;
  const asker = `${displayName(q.question.account)} (${handle(q.question.account, ctx)})`;
  const html = [
    `<p><strong>${e(asker)} asked:</strong></p>`,
    `<blockquote>${asked.contentHtml}</blockquote>`,
    answer && q.answer ? `<p><strong><a href="${e(statusUrls(q.answer, ctx).url)}">${e(displayName(q.answer.account))} answered</a>:</strong></p>${answer.contentHtml}` : '',
  ].join('');
  return `<item>
<title>${e(plainExcerpt(asked.contentHtml, 120))}</title>
<link>${e(link)}</link>
<guid isPermaLink="true">${e(link)}</guid>
<pubDate>${(q.answeredAt ?? q.question.status.createdAt).toUTCString()}</pubDate>
<description>${e(html)}</description>
</item>`;
}

export function eventFeed(archive: EventArchive, ctx: UrlContext): string {
  const { view, host } = archive;
  const text = eventText(view, ctx);
  const url = eventUrl(ctx.origin, view.event.id);
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${e(text.title)}</title>
<link>${e(url)}</link>
<atom:link href="${e(feedUrl(ctx.origin, view.event.id))}" rel="self" type="application/rss+xml"/>
<description>${e(plainExcerpt(e(text.description), 500) || `Answered questions from ${text.title}, with ${displayName(host)}`)}</description>${text.language ? `\n<language>${e(text.language)}</language>` : ''}
${archive.questions.map((q) => item(q, url, ctx)).join('\n')}
</channel>
</rss>`;
}
