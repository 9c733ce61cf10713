// An event's export as Markdown, for a person to read, file or publish: the event, then each
// answered question with its answer in the order answered, then those never answered, marked.
import type { EventJson, QuestionJson } from './entities/event.ts';

/** A link's address, for Markdown: posts show links shortened, and mentions and hashtags as names (kept as their text). */
function linkAddress(anchor: string): string | undefined {
  const href = /href="([^"]*)"/.exec(anchor)?.[1];
  return href && !/class="[^"]*(mention|hashtag)/.test(anchor) ? href.replace(/&amp;/g, '&') : undefined;
}

/** HTML (a post's content) as plain lines: paragraphs apart, line breaks kept, tags dropped, links as their whole address. */
function htmlToText(html: string): string {
  // Links become numbered markers first, so that dropping the tags leaves them be.
  const links: string[] = [];
  const marked = html.replace(/<a\s[^>]*>[\s\S]*?<\/a>/gi, (anchor) => {
    const href = linkAddress(anchor);
    if (!href) return anchor;
    links.push(href);
    return `\u0000${links.length - 1}\u0000`;
  });
  return marked
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*/gi, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\u0000(\d+)\u0000/g, (_, i: string) => `<${links[Number(i)]}>`)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const quoted = (text: string) =>
  text
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');
/** One line, for a heading: Markdown's own heading and emphasis marks at its start taken literally. */
const oneLine = (text: string, max = 120) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return (line.length > max ? `${line.slice(0, max - 1)}…` : line).replace(/^([#>*_-])/, '\\$1');
};
const day = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '');
const who = (a: QuestionJson['account']) => (a ? `${a.display_name || a.username} (@${a.acct})` : 'someone');

const UNANSWERED: Record<string, string> = {
  pending: 'Not answered: waiting for a moderator',
  approved: 'Not answered',
  hidden: 'Hidden by a moderator',
};

function questionMarkdown(q: QuestionJson, n: number): string {
  const lines = [`### ${n}. ${oneLine(q.text || htmlToText(q.content))}`, ''];
  const votes = `${q.votes_count} ${q.votes_count === 1 ? 'vote' : 'votes'}`;
  lines.push(`Asked by ${who(q.account)} on ${day(q.created_at)} · ${votes}${q.url ? ` · <${q.url}>` : ''}`, '');
  lines.push(quoted(htmlToText(q.content)), '');
  if (q.state !== 'answered') lines.push(`*${UNANSWERED[q.state] ?? q.state}*`, '');
  if (q.answer?.released) {
    lines.push(`**Answer** (${day(q.answer.created_at)}${q.answer.url ? `, <${q.answer.url}>` : ''}):`, '');
    lines.push(htmlToText(q.answer.content) || '(no text)', '');
    if (q.answer.media_attachments.length > 0) lines.push(...q.answer.media_attachments.map((m) => `- Attachment: <${m.url}>`), '');
  } else if (q.answer?.draft) {
    lines.push('Prepared answer, not released:', '', quoted(q.answer.draft), '');
  } else if (q.state === 'answered') {
    lines.push(`*Answered live${q.answered_at ? ` (${day(q.answered_at)})` : ''}, without a written answer*`, '');
  }
  return lines.join('\n');
}

export function eventMarkdown(event: EventJson, answered: readonly QuestionJson[], unanswered: readonly QuestionJson[], exportedAt: Date): string {
  const host = event.account;
  const head = [
    `# ${oneLine(event.title, 300)}`,
    '',
    `- Host: ${host.display_name || host.username} (@${host.acct})`,
    `- Kind: ${event.kind} · state: ${event.state}`,
    `- Starts: ${day(event.starts_at)} · ends: ${day(event.ends_at)}${event.ended_at ? ` · ended: ${day(event.ended_at)}` : ''}`,
    `- Hashtag: #${event.hashtag}`,
    `- Page: <${event.url}>`,
    `- Exported: ${day(exportedAt.toISOString())}`,
    '',
    ...(event.description ? [event.description, ''] : []),
  ];
  const sections = [`## Answered questions (${answered.length})`, '', ...answered.map((q, i) => questionMarkdown(q, i + 1))];
  if (answered.length === 0) sections.push('No question was answered.', '');
  sections.push(`## Unanswered questions (${unanswered.length})`, '', ...unanswered.map((q, i) => questionMarkdown(q, answered.length + i + 1)));
  if (unanswered.length === 0) sections.push('Every question was answered.', '');
  return `${[...head, ...sections].join('\n').trimEnd()}\n`;
}
