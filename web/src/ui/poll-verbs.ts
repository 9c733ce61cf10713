// What the reader does to a poll from its card: vote and refresh it, each answered with the poll as
// it now is; and the poll asked for again when it ends, so its card shows the final results.
import { useEffect, useEffectEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.ts';
import type { Poll } from '../api/types.ts';

/** setTimeout's longest delay; a poll ending later is asked for again when next shown. */
const MAX_DELAY = 2 ** 31 - 1;

/**
 * `poll`: as the card's status has it; `onPoll` passes a newer one up (to the list holding the
 * status). A card whose list keeps no state (search, notifications) still shows the newer poll,
 * until its status brings another.
 */
export function usePollVerbs(poll: Poll, onPoll: ((poll: Poll) => void) | undefined) {
  const { t } = useTranslation();
  const [answered, setAnswered] = useState<{ from: Poll; poll: Poll } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const current = answered && answered.from === poll ? answered.poll : poll;

  async function ask(request: Promise<Poll>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      const next = await request;
      setAnswered({ from: poll, poll: next });
      onPoll?.(next);
      return true;
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('errors.network'));
      return false;
    } finally {
      setBusy(false);
    }
  }

  const vote = (choices: number[]) => ask(api<Poll>(`/api/v1/polls/${poll.id}/votes`, { body: { choices } }));
  const refresh = () => ask(api<Poll>(`/api/v1/polls/${poll.id}`));

  // At its end, once: the final counts (and totals a poll hid until then).
  const ended = useEffectEvent(() => void refresh());
  const endsAt = current.expired || !current.expires_at ? null : new Date(current.expires_at).getTime();
  useEffect(() => {
    if (endsAt === null) return;
    const delay = Math.max(0, endsAt - Date.now()) + 1000;
    if (delay > MAX_DELAY) return;
    const timer = setTimeout(() => ended(), delay);
    return () => clearTimeout(timer);
  }, [endsAt]);

  return { poll: current, busy, error, vote, refresh };
}
