// An event's public page: the event (title, description, host, times, state, hashtag) and each
// answered question with its answer, in the order they were answered. While it is live the page
// says so and sends visitors to the web app's live view.
import { eventUrl } from '../../core/events/service.ts';
import { escapeHtml as e } from '../../core/text/html.ts';
import { plainTextToHtml } from '../../core/text/plain-to-html.ts';
import type { Config } from '../../config.ts';
import { accountUrls, serializeAccount, type UrlContext } from '../mastodon/entities/account.ts';
import { type EventArchive, eventLanguages, eventText, KIND_NAMES, STATE_NAMES } from './event-archive.ts';
import { plainExcerpt, publicPage } from './html.ts';
import { displayName, handle, postHtml, time } from './render.ts';
import { versionUrl } from './versions.ts';

// The answer sits under its question, set in a little (inline: the page's policy allows it).
const STYLE = `<style>ol.archive{list-style:none;margin:0;padding:0}.archive .answer{margin-left:1.5rem;border-left:3px solid var(--accent)}.live{font-weight:600}</style>`;

/** The address of the event's live view in the web app. */
const liveViewPath = (eventId: string) => `/web/events/${eventId}`;
export const feedUrl = (origin: string, eventId: string) => `${eventUrl(origin, eventId)}/feed.rss`;

function eventCard(archive: EventArchive, ctx: UrlContext): string {
  const { view, host } = archive;
  const ev = view.event;
  const text = eventText(view, ctx);
  const profile = accountUrls(host.account, ctx).url;
  const languages = eventLanguages(view, ctx)
    .map((l) => `<a href="${e(l.href)}" hreflang="${e(l.language)}"${l.language === text.language ? ' aria-current="true"' : ''}>${e(l.language)}</a>`)
    .join(' · ');
  const ended = ev.endedAt && ev.endedAt < ev.endsAt ? `<dt>Ended</dt><dd>${time(ev.endedAt)}</dd>` : '';
  const live =
    view.state === 'live'
      ? `<p class="live">This event is live now. <a class="button" href="${e(liveViewPath(ev.id))}">Follow it live</a></p>`
      : view.state === 'upcoming'
        ? `<p>This event has not started yet. <a href="${e(liveViewPath(ev.id))}">Open it in the app</a> to ask a question when it does.</p>`
        : '';
  return `<section class="card event"${text.language ? ` lang="${e(text.language)}"` : ''} aria-labelledby="event-title">
<p class="muted">${e(KIND_NAMES[ev.kind])} · <span class="state">${e(STATE_NAMES[view.state])}</span></p>
<h1 id="event-title">${e(text.title)}</h1>
${languages ? `<nav class="versions muted" aria-label="Languages of this event">${languages}</nav>` : ''}
${text.description ? `<div class="description">${plainTextToHtml(text.description)}</div>` : ''}
<dl class="fields">
<dt>Host</dt><dd><a href="${e(profile)}">${e(displayName(host))}</a> <span class="muted" translate="no">${e(handle(host, ctx))}</span></dd>
<dt>Starts</dt><dd>${time(ev.startsAt)}</dd>
<dt>Ends</dt><dd>${time(ev.endsAt)}</dd>${ended}
<dt>Hashtag</dt><dd><a href="/web/tags/${e(encodeURIComponent(ev.hashtag))}" translate="no">#${e(ev.hashtag)}</a></dd>
</dl>
${live}
</section>`;
}

function questionsHtml(archive: EventArchive, ctx: UrlContext): string {
  if (archive.questions.length === 0) return `<p class="card muted">No questions have been answered yet.</p>`;
  const items = archive.questions.map(
    (q) => `<li id="q-${e(q.id)}">
${postHtml(q.question, ctx)}
${q.answer ? `<div class="answer">${postHtml(q.answer, ctx)}</div>` : `<p class="answer muted">Answered live.</p>`}
</li>`,
  );
  return `<ol class="archive">\n${items.join('\n')}\n</ol>`;
}

/** The page; `explicit`: asked for by a version's own address (`?lang=`), which is then canonical. */
export function eventPage(config: Config, ctx: UrlContext, archive: EventArchive, explicit: boolean): string {
  const { view, host } = archive;
  const text = eventText(view, ctx);
  const url = eventUrl(ctx.origin, view.event.id);
  const languages = eventLanguages(view, ctx);
  const answered = archive.questions.length;
  const summary = `${KIND_NAMES[view.event.kind]} with ${displayName(host)} · ${STATE_NAMES[view.state]} · ${answered} ${answered === 1 ? 'question' : 'questions'} answered`;
  return publicPage(
    {
      title: text.title,
      description: plainExcerpt(e(text.description)) || summary,
      url,
      languages,
      canonical: explicit && text.language && ctx.languages?.[0] === text.language && languages.length > 0 ? versionUrl(url, text.language) : undefined,
      image: serializeAccount(host, ctx).avatar,
      type: 'article',
      noindex: !host.account.indexable,
      alternate: { type: 'application/rss+xml', title: `Answers from ${view.event.title}`, href: feedUrl(ctx.origin, view.event.id) },
      appPath: liveViewPath(view.event.id),
      siteName: config.instance.title,
      lang: text.language,
    },
    `${STYLE}\n${eventCard(archive, ctx)}\n<h2>Answered questions</h2>\n${questionsHtml(archive, ctx)}`,
  );
}
