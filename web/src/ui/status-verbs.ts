// What the viewer does to a post from its card: favourite, boost, bookmark (shown at once, put back
// if the server refuses) and delete; and the line that says what went wrong.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.ts';
import type { Status } from '../api/types.ts';

export type Verb = 'favourite' | 'unfavourite' | 'reblog' | 'unreblog' | 'bookmark' | 'unbookmark';

/** `update` takes the post as it now is; `onDelete` its id once deleted. */
export function useStatusVerbs(shown: Status, update: (next: Status) => void, onDelete: ((id: string) => void) | undefined) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);

  async function act(verb: Verb, optimistic: Partial<Status>) {
    setError(null);
    update({ ...shown, ...optimistic });
    try {
      const result = await api<Status>(`/api/v1/statuses/${shown.id}/${verb}`, { method: 'POST' });
      // Boosting answers with the boost itself; the original is inside.
      update(verb === 'reblog' && result.reblog ? result.reblog : result);
    } catch (e) {
      update(shown);
      setError(e instanceof ApiError ? e.message : t('errors.network'));
    }
  }

  async function remove() {
    if (!window.confirm(t('status.confirmDelete'))) return;
    try {
      await api(`/api/v1/statuses/${shown.id}`, { method: 'DELETE' });
      onDelete?.(shown.id);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('errors.network'));
    }
  }

  return { act, remove, error };
}
