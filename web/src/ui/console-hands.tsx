// A briefing's raised hands in the console: in the order raised, live over the `event.hands`
// stream event (which only the staff hear); "call on" gives someone the floor.
import { type Dispatch, type SetStateAction, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { callOn, getHands } from '../api/event-people.ts';
import type { Hand } from '../api/event-types.ts';
import { useFormat } from '../i18n/format.ts';
import { streaming } from '../streaming/stream.ts';
import { Person, personName } from './event-person.tsx';

function useHands(eventId: string): { hands: Hand[] | null; setHands: Dispatch<SetStateAction<Hand[] | null>>; failed: boolean } {
  const [hands, setHands] = useState<Hand[] | null>(null);
  const [failed, setFailed] = useState(false);
  const load = useCallback(() => {
    getHands(eventId)
      .then((list) => {
        setHands(list);
        setFailed(false);
      })
      .catch(() => setFailed(true));
  }, [eventId]);
  useEffect(() => {
    load();
    return streaming.subscribe(
      'event',
      ({ event, payload }) => {
        if (event === 'event.hands') setHands(payload as Hand[]);
        else if (event === 'reconnect') load();
      },
      eventId,
    );
  }, [eventId, load]);
  return { hands, setHands, failed };
}

export function HandsPanel({ eventId, ended }: { eventId: string; ended: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { hands, setHands, failed } = useHands(eventId);
  const [error, setError] = useState<string | null>(null);
  const raised = hands?.filter((h) => !h.called_at).length ?? 0;

  const call = (hand: Hand) => {
    setError(null);
    callOn(eventId, hand.account.id)
      .then((called) => setHands((list) => list?.map((h) => (h.account.id === called.account.id ? called : h)) ?? null))
      .catch((failure: unknown) => setError(failure instanceof ApiError ? failure.message : t('errors.network')));
  };

  return (
    <section className="console-panel hands" aria-labelledby="hands-title">
      <h2 className="section-title" id="hands-title">
        {t('events.hands.title')} <span className="count-pill">{format.number(raised)}</span>
      </h2>
      {failed && <p className="error">{t('errors.network')}</p>}
      {hands === null ? (
        !failed && <p aria-busy="true">{t('common.loading')}</p>
      ) : hands.length === 0 ? (
        <p className="empty">{t('events.hands.none')}</p>
      ) : (
        <ol className="people" aria-labelledby="hands-title">
          {hands.map((hand) => (
            <li key={hand.account.id} className={`person-row${hand.called_at ? ' called' : ''}`}>
              <Person account={hand.account} />
              <span className="muted">
                {hand.called_at ? t('events.hands.calledAt', { time: format.relative(hand.called_at) }) : t('events.hands.raisedAt', { time: format.relative(hand.raised_at) })}
              </span>
              {!hand.called_at && !ended && (
                <button type="button" className="button" aria-label={t('events.hands.callOnName', { name: personName(hand.account) })} onClick={() => call(hand)}>
                  {t('events.hands.callOn')}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
