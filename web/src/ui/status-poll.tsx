// A post's poll: its options to choose from (radio buttons, or checkboxes when it takes several) and
// a Vote button; once the reader voted, when it ended, and for its author, the results: a bar and a
// share per option, the reader's own choices marked (no shares while it hides its totals). Under
// it, how many voted, when it ends, and a Refresh button.
import { useId, useRef, useState, type FormEvent, type RefCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Poll } from '../api/types.ts';
import { useFormat } from '../i18n/format.ts';
import { useSession } from '../state/session.tsx';
import { participants, resultsOf } from './poll-results.ts';
import { usePollVerbs } from './poll-verbs.ts';

function Results({ poll, list }: { poll: Poll; list: RefCallback<HTMLUListElement> }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ul className="poll-results" ref={list} tabIndex={-1} aria-label={t('poll.results')}>
      {resultsOf(poll).map((o, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: an option is its place in the poll (votes name it by its index), and titles may repeat after an edit.
        <li key={i} className={`poll-result${o.leading ? ' leading' : ''}`}>
          <span className="poll-result-label">
            {o.share !== null && <span className="poll-share">{format.percent(o.share)}</span>}
            <span dir="auto">{o.title}</span>
            {o.own && (
              <span className="poll-own">
                <span aria-hidden="true">✓</span>
                <span className="visually-hidden">{t('poll.yourChoice')}</span>
              </span>
            )}
          </span>
          {o.share !== null && <span className="poll-bar" aria-hidden="true" style={{ width: `${Math.round(o.share * 100)}%` }} />}
        </li>
      ))}
    </ul>
  );
}

function Choices({ poll, name, chosen, onChoose }: { poll: Poll; name: string; chosen: number[]; onChoose: (choices: number[]) => void }) {
  const { t } = useTranslation();
  const toggle = (i: number, on: boolean) => onChoose(poll.multiple ? (on ? [...chosen, i].sort((a, b) => a - b) : chosen.filter((c) => c !== i)) : [i]);
  return (
    <fieldset className="poll-choices">
      <legend className="visually-hidden">{poll.multiple ? t('poll.chooseSeveral') : t('poll.chooseOne')}</legend>
      {poll.options.map((o, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: as in the results, an option is its place.
        <label key={i} className="poll-choice">
          <input type={poll.multiple ? 'checkbox' : 'radio'} name={name} value={i} checked={chosen.includes(i)} onChange={(e) => toggle(i, e.target.checked)} />
          <span dir="auto">{o.title}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** "12 people voted · ends in 3 days", and the Refresh button. */
function Summary({ poll, busy, onRefresh }: { poll: Poll; busy: boolean; onRefresh: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const count = participants(poll);
  return (
    <p className="poll-summary">
      <span>{t('poll.voters', { count, formatted: format.number(count) })}</span>
      {poll.expired ? <span>{t('poll.ended')}</span> : poll.expires_at && <time dateTime={poll.expires_at}>{t('poll.ends', { time: format.until(poll.expires_at) })}</time>}
      <button type="button" className="link-button" onClick={onRefresh} disabled={busy}>
        {t('poll.refresh')}
      </button>
    </p>
  );
}

export function StatusPoll({ poll: given, mine, onPoll }: { poll: Poll; mine: boolean; onPoll: ((poll: Poll) => void) | undefined }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const name = useId();
  const { poll, busy, error, vote, refresh } = usePollVerbs(given, onPoll);
  const [chosen, setChosen] = useState<number[]>([]);
  // The Vote button goes with the choices: the focus moves to the results that replace them, as they appear.
  const voted = useRef(false);
  const results: RefCallback<HTMLUListElement> = (list) => {
    if (list && voted.current) list.focus();
    voted.current = false;
  };
  const showResults = !me || mine || poll.voted === true || poll.expired;
  const summary = <Summary poll={poll} busy={busy} onRefresh={() => void refresh()} />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (chosen.length === 0) return;
    voted.current = true;
    if (!(await vote(chosen))) voted.current = false;
  }

  return (
    <div className="poll">
      {showResults ? (
        <>
          <Results poll={poll} list={results} />
          <div className="poll-footer">{summary}</div>
        </>
      ) : (
        <form onSubmit={submit}>
          <Choices poll={poll} name={name} chosen={chosen} onChoose={setChosen} />
          <div className="poll-footer">
            <button type="submit" className="button secondary" disabled={busy || chosen.length === 0}>
              {t('poll.vote')}
            </button>
            {summary}
          </div>
        </form>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
