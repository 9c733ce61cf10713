// One live event as a screen shows it: the event, its questions (and a coverage event's updates),
// read once and then kept current by the `event` stream; read again after the socket came back.
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { getEvent, getQuestions, getUpdates, isStaff, type LiveEvent, type Question, type QuestionState } from '../api/events.ts';
import type { Status } from '../api/types.ts';
import { streaming } from '../streaming/stream.ts';
import { applyVotes, upsert } from './question-list.ts';

export interface LiveEventState {
  event: LiveEvent | null;
  questions: Question[];
  updates: Status[];
  /** 'missing' (404), 'failed' (anything else), or null */
  error: 'missing' | 'failed' | null;
  /** puts a question as an action answered it (with the viewer's vote) */
  put: (question: Question) => void;
  setEvent: (event: LiveEvent) => void;
}

async function load(id: string): Promise<{ event: LiveEvent; questions: Question[]; updates: Status[] }> {
  const event = await getEvent(id);
  const states: QuestionState[] = isStaff(event.role) ? ['pending', 'approved', 'answered', 'hidden'] : ['approved', 'answered'];
  const [questions, updates] = await Promise.all([getQuestions(id, states), event.kind === 'coverage' ? getUpdates(id) : Promise.resolve([])]);
  return { event, questions, updates };
}

/**
 * `viewerId`: the signed-in viewer, whose role may change (added as a participant); the stream's
 * event is the audience's, and names those whose role changed (`roles_changed`), who read it again.
 */
export function useLiveEvent(id: string, viewerId: string | null = null): LiveEventState {
  const [event, setEventState] = useState<LiveEvent | null>(null);
  const [questions, setQuestions] = useState<Question[]>([]);
  const [updates, setUpdates] = useState<Status[]>([]);
  const [error, setError] = useState<LiveEventState['error']>(null);

  const refresh = useCallback(() => {
    load(id)
      .then((data) => {
        setEventState(data.event);
        setQuestions(data.questions);
        setUpdates(data.updates);
      })
      .catch((failure: unknown) => setError(failure instanceof ApiError && failure.status === 404 ? 'missing' : 'failed'));
  }, [id]);

  useEffect(() => {
    refresh();
    const reread = () => {
      getEvent(id)
        .then((fresh) => setEventState((old) => (old ? { ...old, role: fresh.role } : fresh)))
        .catch(() => undefined);
    };
    const stop = streaming.subscribe(
      'event',
      ({ event: name, payload }) => {
        if (name === 'reconnect') refresh();
        else if (name === 'event.question') setQuestions((list) => upsert(list, payload as Question));
        else if (name === 'event.question.delete') setQuestions((list) => list.filter((q) => q.id !== String((payload as { id: string }).id)));
        else if (name === 'event.votes') setQuestions((list) => applyVotes(list, (payload as { counts: Record<string, number> }).counts));
        else if (name === 'event.update') setUpdates((list) => (list.some((s) => s.id === (payload as Status).id) ? list : [payload as Status, ...list]));
        // The stream's event is the audience's: the viewer's own role stays.
        else if (name === 'event.changed') {
          const changed = payload as LiveEvent & { roles_changed?: string[] };
          setEventState((old) => ({ ...changed, role: old?.role ?? null }));
          if (viewerId && changed.roles_changed?.includes(viewerId)) reread();
        }
      },
      id,
    );
    return stop;
  }, [id, refresh, viewerId]);

  const put = useCallback((question: Question) => setQuestions((list) => upsert(list, question)), []);
  return { event, questions, updates, error, put, setEvent: setEventState };
}
