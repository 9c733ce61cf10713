// Turning what an author typed into a status: checks, language, mentions, hashtags and HTML.
import { detect } from 'tinyld';
import { and, inArray, isNull, or, sql } from 'drizzle-orm';
import { executeNamed, type Db, type DbOrTx } from '../../store/db.ts';
import { accounts, statusMentions, statusTags, tags } from '../../store/schema/index.ts';
import type { Account } from '../accounts/service.ts';
import { characterCount, isLanguageCode } from '../accounts/rules.ts';
import { Problems } from '../errors.ts';
import type { IdGenerator } from '../ids.ts';
import { extractEntities, weightedLength } from '../text/entities.ts';
import { renderText } from '../text/render.ts';

export interface ComposeInput {
  text: string;
  spoilerText?: string | undefined;
  language?: string | null | undefined;
}

export interface Composed {
  text: string;
  spoilerText: string;
  contentHtml: string;
  language: string | null;
  mentioned: Account[];
  tagNames: string[];
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

/** Detects the language of a text long enough to tell; null when unsure. */
export function detectLanguage(text: string): string | null {
  const plain = text.replace(/https?:\/\/\S+/g, ' ').replace(/[@#][\p{L}\p{N}_.@-]+/gu, ' ').trim();
  if (characterCount(plain) < 12) return null;
  const code = detect(plain);
  return code && /^[a-z]{2}$/.test(code) ? code : null;
}

export function createComposer(deps: { db: Db; ids: IdGenerator; config: ComposeConfig }) {
  const { db, ids, config } = deps;

  /** Accounts named by the mentions: local ones, and remote ones this server already knows. */
  async function resolveMentions(text: string): Promise<Account[]> {
    const { mentions } = extractEntities(text);
    if (mentions.length === 0) return [];
    const own = config.domain.toLowerCase();
    const local = mentions.filter((m) => m.domain === null || m.domain === own).map((m) => m.username.toLowerCase());
    const remote = mentions.filter((m) => m.domain !== null && m.domain !== own).map((m) => `${m.username.toLowerCase()}@${m.domain}`);
    return db
      .select()
      .from(accounts)
      .where(
        and(
          isNull(accounts.suspendedAt),
          or(
            local.length > 0 ? and(inArray(sql`lower(${accounts.username})`, local), isNull(accounts.domain)) : undefined,
            remote.length > 0 ? inArray(sql`lower(${accounts.username}) || '@' || lower(${accounts.domain})`, remote) : undefined,
          ),
        ),
      );
  }

  return {
    async compose(input: ComposeInput, defaults: { language: string | null }): Promise<Composed> {
      const text = input.text.replace(/\r\n?/g, '\n').trim();
      const spoilerText = (input.spoilerText ?? '').trim();
      const problems = new Problems();
      if (text.length === 0) problems.add('text', 'ERR_BLANK', "can't be blank");
      const length = weightedLength(text, characterCount) + characterCount(spoilerText);
      if (length > config.maxChars) problems.add('text', 'ERR_TOO_LONG', `character limit of ${config.maxChars} exceeded`);
      if (input.language && !isLanguageCode(input.language)) problems.add('language', 'ERR_INCLUSION', 'is not a language code');
      problems.throwIfAny();

      const mentioned = await resolveMentions(text);
      const byHandle = new Map(mentioned.map((a) => [`${a.username.toLowerCase()}@${a.domain ?? ''}`, a]));
      const contentHtml = renderText(text, {
        mention: (username, domain) => {
          const a = byHandle.get(`${username.toLowerCase()}@${domain === config.domain.toLowerCase() ? '' : (domain ?? '')}`);
          if (!a) return null;
          return a.domain ? { url: a.url ?? a.uri ?? '', username: a.username } : { url: `${config.origin}/@${a.username}`, username: a.username };
        },
        hashtag: (name) => `${config.origin}/tags/${encodeURIComponent(name.toLowerCase())}`,
      });
      return {
        text,
        spoilerText,
        contentHtml,
        language: input.language || detectLanguage(`${spoilerText} ${text}`) || defaults.language,
        mentioned,
        tagNames: extractEntities(text).tags,
      };
    },

    /**
     * Writes the mentions and hashtags of a status; `replace` drops earlier ones first (edits).
     * Returns its hashtags as the tags table names them (a known tag keeps its first spelling).
     */
    async attach(tx: DbOrTx, statusId: string, composed: Composed, options: { replace?: boolean } = {}): Promise<StatusTag[]> {
      if (options.replace) {
        await tx.delete(statusMentions).where(sql`${statusMentions.statusId} = ${statusId}`);
        await tx.delete(statusTags).where(sql`${statusTags.statusId} = ${statusId}`);
      }
      if (composed.mentioned.length > 0) {
        await tx.insert(statusMentions).values(composed.mentioned.map((a) => ({ statusId, accountId: a.id }))).onConflictDoNothing();
      }
      if (composed.tagNames.length === 0) return [];
      // Usually one statement: new tags are created, and every tag, new or known, is linked.
      const names = composed.tagNames.map((t) => t.toLowerCase());
      const newIds = composed.tagNames.map(() => ids());
      // A tag created in this statement is not visible in `tags` yet: its spelling is the given one.
      const linked = await executeNamed<{ name: string; display_name: string }>(
        tx,
        'link_status_tags',
        sql`
        with given as (
          select * from unnest(${`{${newIds.join(',')}}`}::bigint[], ${toPgArray(names)}::text[], ${toPgArray(composed.tagNames)}::text[]) as g(id, name, display_name)
        ), created as (
          insert into tags (id, name, display_name) select id, name, display_name from given on conflict do nothing returning id, name
        ), links as (
          select distinct on (g.name) coalesce(c.id, t.id) as tag_id, g.name, coalesce(t.display_name, g.display_name) as display_name
          from given g left join created c on c.name = g.name left join tags t on t.name = g.name
          where coalesce(c.id, t.id) is not null
        ), inserted as (
          insert into status_tags (status_id, tag_id) select ${statusId}::bigint, tag_id from links on conflict do nothing returning tag_id
        )
        select links.name, links.display_name from links join inserted using (tag_id)`,
      );
      if (linked.rows.length >= new Set(names).size) return linked.rows.map((r) => ({ name: r.name, displayName: r.display_name }));
      // A tag created by a concurrent post after this statement began is not visible to it: link
      // the rest with a fresh look.
      const found = await tx.select({ id: tags.id, name: tags.name, displayName: tags.displayName }).from(tags).where(inArray(tags.name, names));
      await tx.insert(statusTags).values(found.map((t) => ({ statusId, tagId: t.id }))).onConflictDoNothing();
      return found.map((t) => ({ name: t.name, displayName: t.displayName }));
    },
  };
}

export type Composer = ReturnType<typeof createComposer>;

/** A text[] literal for PostgreSQL, quoting each element. */
function toPgArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}
