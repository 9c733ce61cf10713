// Sending what was written: a new post or reply (once, whatever the retries: an idempotency key),
// or the edit of one, with its attachments in their order or its poll (an edit without one takes
// the post's poll off, as Mastodon does), and its versions in other languages (`translations`); and
// the line that says what went wrong.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.ts';
import type { Status } from '../api/types.ts';
import type { Draft } from './compose-draft.ts';
import { changesOf, type Attachment, type Attachments } from './compose-media.ts';
import { pollParams, type DraftPollState } from './compose-poll.ts';
import { translationsParam, type Versions } from './compose-versions.ts';

interface Options {
  draft: Draft;
  versions: Versions;
  attachments: Attachments;
  poll: DraftPollState;
  replyTo: Status | undefined;
  editing: Status | undefined;
  /** not empty, within the server's limit, every attachment processed */
  ready: boolean;
  onDone: ((status: Status) => void) | undefined;
}

/** A new post's attachments are described before it is sent (posting takes no descriptions). */
async function describeChanged(items: Attachment[]): Promise<void> {
  for (const change of items.map(changesOf)) if (change) await api(`/api/v1/media/${change.id}`, { method: 'PUT', body: change });
}

export function useSend({ draft, versions, attachments, poll, replyTo, editing, ready, onDone }: Options) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (busy || !ready) return;
    setBusy(true);
    setError(null);
    try {
      const { text, warn, spoiler, language, visibility } = draft;
      const items = attachments.items;
      const body = {
        status: text,
        spoiler_text: warn ? spoiler : '',
        sensitive: warn && spoiler.length > 0,
        language,
        media_ids: items.map((a) => a.media!.id),
        ...(poll.poll ? { poll: pollParams(poll.poll) } : {}),
        // An edit sends its versions even when none are left (none sent would keep them).
        ...(versions.versions.length > 0 || (editing && draft.sourceVersions) ? { translations: translationsParam(versions.versions, warn) } : {}),
      };
      const described = items.flatMap((a) => changesOf(a) ?? []);
      if (!editing) await describeChanged(items);
      const status = editing
        ? await api<Status>(`/api/v1/statuses/${editing.id}`, { method: 'PUT', body: { ...body, media_attributes: described } })
        : await api<Status>('/api/v1/statuses', { body: { ...body, visibility, in_reply_to_id: replyTo?.id }, headers: { 'Idempotency-Key': crypto.randomUUID() } });
      if (!editing) {
        draft.clear();
        attachments.clear();
        poll.clear();
        versions.clear();
      }
      onDone?.(status);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('errors.network'));
    } finally {
      setBusy(false);
    }
  }

  return { busy, error, submit };
}
