// The poll being written, in the composer: a field per option (added and removed, two at least),
// how long it stays open, "several choices" and "hide totals", and a button taking it off. The
// focus follows: to a new option, and to the one before a removed option.
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.ts';
import { repeatsOption, type DraftPollState } from './compose-poll.ts';

/** Focuses a field once React has drawn it. */
const focusSoon = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());

function Options({ draft, id }: { draft: DraftPollState; id: string }) {
  const { t } = useTranslation();
  const options = draft.poll?.options ?? [];
  const field = (i: number) => `${id}-poll-option-${i}`;
  return (
    <>
      <ol className="poll-builder-options">
        {options.map((text, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: an option is its place: its field is "Option 2" whatever it says.
          <li key={i} className="poll-builder-option">
            <label className="visually-hidden" htmlFor={field(i)}>
              {t('poll.option', { n: i + 1 })}
            </label>
            <input
              id={field(i)}
              className="input"
              value={text}
              maxLength={draft.limits.max_characters_per_option}
              placeholder={t('poll.option', { n: i + 1 })}
              dir="auto"
              onChange={(e) => draft.setOption(i, e.target.value)}
            />
            {options.length > 2 && (
              <button
                type="button"
                className="button secondary poll-builder-remove"
                aria-label={t('poll.removeOption', { n: i + 1 })}
                onClick={() => {
                  draft.removeOption(i);
                  focusSoon(field(Math.max(0, i - 1)));
                }}
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="chip"
        disabled={options.length >= draft.limits.max_options}
        onClick={() => {
          draft.addOption();
          focusSoon(field(options.length));
        }}
      >
        {t('poll.addOption')}
      </button>
    </>
  );
}

export function PollFields({ draft, id, editing }: { draft: DraftPollState; id: string; editing: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { poll } = draft;
  if (!poll) return null;
  return (
    <fieldset className="poll-builder">
      <legend>{t('poll.legend')}</legend>
      <Options draft={draft} id={id} />
      {repeatsOption(poll) && (
        <p className="error" role="alert">
          {t('poll.repeated')}
        </p>
      )}
      <div className="poll-builder-settings">
        <label htmlFor={`${id}-poll-duration`}>{t('poll.duration')}</label>
        <select id={`${id}-poll-duration`} className="select" value={poll.expiresIn} onChange={(e) => draft.setExpiresIn(Number(e.target.value))}>
          {draft.durations.map((s) => (
            <option key={s} value={s}>
              {format.duration(s)}
            </option>
          ))}
        </select>
        <label className="poll-builder-toggle">
          <input type="checkbox" checked={poll.multiple} onChange={(e) => draft.setMultiple(e.target.checked)} /> {t('poll.multiple')}
        </label>
        <label className="poll-builder-toggle">
          <input type="checkbox" checked={poll.hideTotals} onChange={(e) => draft.setHideTotals(e.target.checked)} /> {t('poll.hideTotals')}
        </label>
      </div>
      {editing && <p className="muted poll-builder-hint">{t('poll.editHint')}</p>}
      <button type="button" className="button secondary" onClick={draft.clear}>
        {t('poll.remove')}
      </button>
    </fieldset>
  );
}
