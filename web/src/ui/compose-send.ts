// Sending what was written: a new post or reply (once, whatever the retries: an idempotency key),
// or the edit of one; and the line that says what went wrong.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.ts';
import type { Status } from '../api/types.ts';
import type { Draft } from './compose-draft.ts';

interface Options {
  draft: Draft;
  replyTo: Status | undefined;
  editing: Status | undefined;
  /** not empty, and within the server's limit */
  ready: boolean;
  onDone: ((status: Status) => void) | undefined;
}

export function useSend({ draft, replyTo, editing, ready, onDone }: Options) {
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
      const body = { status: text, spoiler_text: warn ? spoiler : '', sensitive: warn && spoiler.length > 0, language };
      const status = editing
        ? await api<Status>(`/api/v1/statuses/${editing.id}`, { method: 'PUT', body })
        : await api<Status>('/api/v1/statuses', { body: { ...body, visibility, in_reply_to_id: replyTo?.id }, headers: { 'Idempotency-Key': crypto.randomUUID() } });
      if (!editing) draft.clear();
      onDone?.(status);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('errors.network'));
    } finally {
      setBusy(false);
    }
  }

  return { busy, error, submit };
}
