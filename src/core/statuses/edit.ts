// Editing a status: a new version kept in its history, those who reblogged it told.
import type { Db } from '../../store/db.ts';
import { mediaOfStatuses, updateMediaDetails } from '../../store/media/rows.ts';
import type { MediaRow } from '../../store/schema/media.ts';
import { attach, attachable } from '../media/attach.ts';
import { checkDetails, type MediaDetails } from '../media/details.ts';
import { ValidationError } from '../errors.ts';
import { hasEdits, insertEdit } from '../../store/statuses/edits.ts';
import { reblogsOf, updateContent } from '../../store/statuses/rows.ts';
import type { Jobs } from '../jobs.ts';
import { retagged } from '../tags/counts.ts';
import type { Account } from '../accounts/service.ts';
import type { IdGenerator } from '../ids.ts';
import type { Notifications } from '../notifications/service.ts';
import type { Outbox } from '../outbox.ts';
import { localQuotersOf } from '../../store/statuses/quotes.ts';
import type { StatusAccess } from './access.ts';
import type { StatusChanges } from './changes.ts';
import type { Composer } from './compose.ts';
import type { StatusView } from './views.ts';
import type { PollInput } from './poll-input.ts';
import { applyPollEdit, planPollEdit } from './poll-edit.ts';
import { composeVersions, keptOrNull, sameVersions, type VersionInput } from './versions.ts';
import { replaceVersions, versionsOf } from '../../store/statuses/versions.ts';

export interface EditInput {
  text: string;
  spoilerText?: string | undefined;
  sensitive?: boolean | undefined;
  language?: string | null | undefined;
  /** the attachments after the edit, in order; undefined keeps them as they are */
  mediaIds?: readonly string[] | undefined;
  /** new descriptions and focal points of attachments the edit keeps */
  mediaAttributes?: readonly ({ id: string } & MediaDetails)[] | undefined;
  /** the poll after the edit (null: none); undefined keeps it as it is */
  poll?: PollInput | null | undefined;
  /** its versions in other languages after the edit; undefined keeps them as they are */
  versions?: readonly VersionInput[] | undefined;
}

/** Attachment ids of a version, in order. */
const idsOf = (media: readonly MediaRow[]) => media.map((m) => m.id);
const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => id === b[i]);

export function createEdit(deps: { db: Db; ids: IdGenerator; jobs: Jobs; composer: Composer; notifications: Notifications; outbox: Outbox; access: StatusAccess; changes: StatusChanges }) {
  const { db, ids, jobs, composer, notifications, outbox, access, changes } = deps;

  return async function edit(author: Account, id: string, input: EditInput): Promise<StatusView> {
    const current = await access.own(author, id);
    const before = (await mediaOfStatuses(db, [id])).filter((m) => m.remoteUrl === null);
    const media = input.mediaIds === undefined ? before : await attachable(db, author.id, input.mediaIds, { statusId: id });
    const described = checkedAttributes(input.mediaAttributes, media);
    const poll = await planPollEdit(db, id, input.poll, media.length);
    const primary = await composer.compose(
      { text: input.text, spoilerText: input.spoilerText, language: input.language ?? current.language, carriesContent: media.length > 0 },
      { language: current.language },
    );
    // Kept versions are parsed again too: the post's mentions and hashtags are those of all of them.
    const versionsBefore = await versionsOf(db, id);
    const { composed, versions } = await composeVersions(composer, primary, input.versions ?? versionsBefore.map((v) => ({ language: v.language, text: v.text, spoilerText: v.spoilerText })));
    // A content warning makes a status sensitive, as when posting.
    const sensitive = input.sensitive ?? (composed.spoilerText.length > 0 || current.sensitive);
    const unchanged =
      composed.text === current.text &&
      composed.spoilerText === current.spoilerText &&
      sensitive === current.sensitive &&
      sameIds(idsOf(media), idsOf(before)) &&
      described.length === 0 &&
      !poll.changed &&
      sameVersions(versions, versionsBefore);
    if (unchanged && composed.language === current.language) return access.view(author.id, id);
    let voters: string[] = [];
    await db.transaction(async (tx) => {
      if (!unchanged) {
        // The first edit also keeps the original, so the history shows every version.
        if (!(await hasEdits(tx, id))) {
          await insertEdit(tx, { ...current, id: ids(), statusId: id, mediaIds: idsOf(before), pollOptions: poll.before?.options ?? null, versions: keptOrNull(versionsBefore) });
        }
        await insertEdit(tx, { ...composed, id: ids(), statusId: id, sensitive, mediaIds: idsOf(media), pollOptions: poll.after?.options ?? null, versions: keptOrNull(versions) });
        await replaceVersions(tx, id, versions);
        await attach(tx, id, media);
        voters = await applyPollEdit(tx, { ids, jobs }, current, poll);
        for (const d of described) await updateMediaDetails(tx, d.id, d.details);
      }
      const content = { text: composed.text, contentHtml: composed.contentHtml, spoilerText: composed.spoilerText, sensitive, language: composed.language };
      await updateContent(tx, id, unchanged ? content : { ...content, editedAt: new Date() });
      // Featured tags follow the tags it now carries.
      await retagged(tx, jobs, id, () => composer.attach(tx, id, composed, { replace: true }));
      if (!unchanged) {
        // Those who reblogged it are told it changed (Mastodon's "update" notification).
        const reblogs = await reblogsOf(tx, id);
        await notifications.notify(
          tx,
          reblogs.map((r) => ({ recipientId: r.accountId, fromId: author.id, type: 'update' as const, statusId: id })),
        );
        // Those who quoted it too (Mastodon's "quoted_update"), about their own post.
        const quoters = await localQuotersOf(tx, id);
        await notifications.notify(
          tx,
          quoters.map((q) => ({ recipientId: q.accountId, fromId: author.id, type: 'quoted_update' as const, statusId: q.statusId })),
        );
        await jobs.enqueue(tx, 'status.updated', { statusId: id });
        if (await outbox.concernsRemote(tx, id)) await outbox.publish(tx, { type: 'status.updated', statusId: id });
      }
    });
    await changes.committed({ statusIds: [id], postsOf: [author.id], viewerIds: voters });
    return access.view(author.id, id);
  };
}

/** The descriptions an edit changes: only of attachments it keeps. */
function checkedAttributes(attributes: EditInput['mediaAttributes'], media: readonly MediaRow[]): { id: string; details: ReturnType<typeof checkDetails> }[] {
  if (!attributes) return [];
  return attributes.flatMap((a) => {
    const m = media.find((x) => x.id === a.id);
    if (!m) throw new ValidationError({ media_attributes: [{ error: 'ERR_INVALID', description: `media ${a.id} is not attached to this post` }] });
    const details = checkDetails(a);
    const changed = (details.description !== undefined && details.description !== m.description) || (details.focusX !== undefined && (details.focusX !== m.focusX || details.focusY !== m.focusY));
    return changed ? [{ id: a.id, details }] : [];
  });
}
