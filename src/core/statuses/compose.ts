// Turning what an author typed into a status: checks, language, mentions, hashtags and HTML.
import { eld } from 'eld/extrasmall';
import { inArray, sql, type SQL } from 'drizzle-orm';
import { namedStatement, type Db, type DbOrTx } from '../../store/db.ts';
import { statusMentions, statusTags, tags } from '../../store/schema/index.ts';
import { activeAccountsByHandles } from '../../store/accounts/accounts.ts';
import type { Account } from '../accounts/service.ts';
import { characterCount, isLanguageCode } from '../accounts/rules.ts';
import { Problems } from '../errors.ts';
import type { IdGenerator } from '../ids.ts';
import { extractEntities, weightedLength } from '../text/entities.ts';
import { linksInText } from '../text/links.ts';
import { writeLinks } from '../../store/statuses/links.ts';
import { renderText } from '../text/render.ts';

export interface ComposeInput {
  text: string;
  spoilerText?: string | undefined;
  language?: string | null | undefined;
  /** the post carries something besides text (attachments): the text may be empty */
  carriesContent?: boolean | undefined;
}

export interface Composed {
  text: string;
  spoilerText: string;
  contentHtml: string;
  language: string | null;
  mentioned: Account[];
  tagNames: string[];
  /** the web addresses it links to, normalised (see text/links) */
  links: string[];
}

/** A hashtag of a status, as the tags table spells it. */
export interface StatusTag {
  name: string;
  displayName: string;
}

export interface ComposeConfig {
  origin: string;
  domain: string;
  maxChars: number;
}

/**
 * Detects the language of a text long enough to tell; null when unsure. ELD's smallest database:
 * as accurate as the larger ones on post-sized texts (99.3% on tweets, by its authors' benchmark)
 * and four times faster than tinyld was here (20 against 85 µs a post).
 */
export function detectLanguage(text: string): string | null {
  const plain = text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[@#][\p{L}\p{N}_.@-]+/gu, ' ')
    .trim();
  if (characterCount(plain) < 12) return null;
  const found = eld.detect(plain);
  return found.isReliable() && /^[a-z]{2}$/.test(found.language) ? found.language : null;
}

/** The text and content warning as they will be stored, or the problems that refuse them. */
function checkedText(input: ComposeInput, maxChars: number): { text: string; spoilerText: string } {
  const text = input.text.replace(/\r\n?/g, '\n').trim();
  const spoilerText = (input.spoilerText ?? '').trim();
  const problems = new Problems();
  // A post carrying attachments (or, later, a poll) may say nothing.
  if (text.length === 0 && !input.carriesContent) problems.add('text', 'ERR_BLANK', "can't be blank");
  const length = weightedLength(text, characterCount) + characterCount(spoilerText);
  if (length > maxChars) problems.add('text', 'ERR_TOO_LONG', `character limit of ${maxChars} exceeded`);
  if (input.language && !isLanguageCode(input.language)) problems.add('language', 'ERR_INCLUSION', 'is not a language code');
  problems.throwIfAny();
  return { text, spoilerText };
}

/** Accounts named by the mentions: local ones, and remote ones this server already knows. */
async function resolveMentions(db: Db, domain: string, text: string): Promise<Account[]> {
  const { mentions } = extractEntities(text);
  if (mentions.length === 0) return [];
  const own = domain.toLowerCase();
  const local = mentions.filter((m) => m.domain === null || m.domain === own).map((m) => m.username.toLowerCase());
  const remote = mentions.filter((m) => m.domain !== null && m.domain !== own).map((m) => `${m.username.toLowerCase()}@${m.domain}`);
  return activeAccountsByHandles(db, local, remote);
}

/** The text as HTML: mentions of the accounts found link to them, hashtags to their pages here. */
function contentHtmlOf(text: string, mentioned: readonly Account[], config: ComposeConfig): string {
  const byHandle = new Map(mentioned.map((a) => [`${a.username.toLowerCase()}@${a.domain ?? ''}`, a]));
  return renderText(text, {
    mention: (username, domain) => {
      const a = byHandle.get(`${username.toLowerCase()}@${domain === config.domain.toLowerCase() ? '' : (domain ?? '')}`);
      if (!a) return null;
      return a.domain ? { url: a.url ?? a.uri ?? '', username: a.username } : { url: `${config.origin}/@${a.username}`, username: a.username };
    },
    hashtag: (name) => `${config.origin}/tags/${encodeURIComponent(name.toLowerCase())}`,
  });
}

export function createComposer(deps: { db: Db; ids: IdGenerator; config: ComposeConfig }) {
  const { db, ids, config } = deps;
  const linkStatusTags = namedStatement<{ name: string; display_name: string }>('link_status_tags', sql`with ${tagLinks(sql`${sql.placeholder('tags')}::json`)} ${TAGS_LINKED}`);

  /** The hashtags a status links, as `TAG_LINKS` takes them (each with an id in case it is new). */
  function tagRows(statusId: string, composed: { tagNames: readonly string[] }): TagRow[] {
    return composed.tagNames.map((displayName) => ({ status_id: statusId, id: ids(), name: displayName.toLowerCase(), display_name: displayName }));
  }

  /**
   * What `tagLinks` linked, as (name, display_name) rows, completed when a tag created by a
   * concurrent statement was not visible to it: those are looked up and linked now.
   */
  async function linkedTags(tx: DbOrTx, statusId: string, composed: { tagNames: readonly string[] }, linked: { name: string; display_name: string }[]): Promise<StatusTag[]> {
    const names = [...new Set(composed.tagNames.map((t) => t.toLowerCase()))];
    if (linked.length >= names.length) return linked.map((r) => ({ name: r.name, displayName: r.display_name }));
    const found = await tx.select({ id: tags.id, name: tags.name, displayName: tags.displayName }).from(tags).where(inArray(tags.name, names));
    await tx
      .insert(statusTags)
      .values(found.map((t) => ({ statusId, tagId: t.id })))
      .onConflictDoNothing();
    return found.map((t) => ({ name: t.name, displayName: t.displayName }));
  }

  /** Writes who a status mentions. */
  async function mention(tx: DbOrTx, statusId: string, composed: { mentioned: readonly Account[] }): Promise<void> {
    if (composed.mentioned.length === 0) return;
    await tx
      .insert(statusMentions)
      .values(composed.mentioned.map((a) => ({ statusId, accountId: a.id })))
      .onConflictDoNothing();
  }

  /** Links the hashtags of a status, in statements of its own (see post-writer for the shared one). */
  async function link(tx: DbOrTx, statusId: string, composed: { tagNames: readonly string[] }): Promise<StatusTag[]> {
    const rows = tagRows(statusId, composed);
    if (rows.length === 0) return [];
    const linked = await linkStatusTags(tx, { tags: JSON.stringify(rows) });
    return linkedTags(tx, statusId, composed, linked.rows);
  }

  return {
    tagRows,
    linkedTags,
    mention,
    link,

    async compose(input: ComposeInput, defaults: { language: string | null }): Promise<Composed> {
      const { text, spoilerText } = checkedText(input, config.maxChars);
      const mentioned = await resolveMentions(db, config.domain, text);
      return {
        text,
        spoilerText,
        contentHtml: contentHtmlOf(text, mentioned, config),
        language: input.language || detectLanguage(`${spoilerText} ${text}`) || defaults.language,
        mentioned,
        tagNames: extractEntities(text).tags,
        links: linksInText(text),
      };
    },

    /** Writes the mentions, hashtags and links of a status; `replace` drops earlier ones first (edits). */
    async attach(tx: DbOrTx, statusId: string, composed: Composed, options: { replace?: boolean } = {}): Promise<void> {
      if (options.replace) {
        await tx.delete(statusMentions).where(sql`${statusMentions.statusId} = ${statusId}`);
        await tx.delete(statusTags).where(sql`${statusTags.statusId} = ${statusId}`);
      }
      await mention(tx, statusId, composed);
      await link(tx, statusId, composed);
      await writeLinks(tx, statusId, composed.links, options);
    },
  };
}

export type Composer = ReturnType<typeof createComposer>;

/** A hashtag to link to a status, created with this id if it does not exist. */
export interface TagRow {
  status_id: string;
  id: string;
  name: string;
  display_name: string;
}

/**
 * Common table expressions linking statuses to their hashtags, given as a JSON array of `TagRow`s,
 * creating the tags that do not exist: `tag_rows` holds (status_id, tag_id, name, display_name) and
 * `tag_links` each link made. A tag created in this statement is not visible in `tags` yet: its
 * spelling is the one `created_tags` wrote (a status typing it otherwise shows it as stored). A tag that a concurrent statement is creating is in neither: see
 * `linkedTags`.
 */
export function tagLinks(given: SQL): SQL {
  return sql`given_tags as (
      select * from json_to_recordset(${given}) as g(status_id bigint, id bigint, name text, display_name text)
    ), created_tags as (
      insert into tags (id, name, display_name) select distinct on (name) id, name, display_name from given_tags order by name, id
      on conflict do nothing returning id, name, display_name
    ), tag_rows as (
      select distinct on (g.status_id, g.name) g.status_id, coalesce(c.id, t.id) as tag_id, g.name, coalesce(t.display_name, c.display_name) as display_name
      from given_tags g left join created_tags c on c.name = g.name left join tags t on t.name = g.name
      where coalesce(c.id, t.id) is not null
    ), tag_links as (
      insert into status_tags (status_id, tag_id) select status_id, tag_id from tag_rows on conflict do nothing returning status_id, tag_id
    )`;
}

/** After `tagLinks`: the linked tags, as (status_id, name, display_name) rows. */
export const TAGS_LINKED = sql`select r.status_id, r.name, r.display_name from tag_rows r join tag_links l using (status_id, tag_id)`;
