// An event's participants in the console: co-hosts, moderators and (in a briefing) accredited
// participants, read again whenever the event changes. Hosts and co-hosts add them by handle
// (`user`, or `user@server` on another server) and remove them; only the host names co-hosts.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { addParticipant, getParticipants, removeParticipant } from '../api/event-people.ts';
import type { EventKind, EventRole, Participant } from '../api/event-types.ts';
import { streaming } from '../streaming/stream.ts';
import { Person, personName } from './event-person.tsx';
import { rolesToGive } from './event-roles.ts';

type Role = Participant['role'];

function useParticipants(eventId: string) {
  const [people, setPeople] = useState<Participant[] | null>(null);
  const load = useCallback(() => {
    getParticipants(eventId)
      .then(setPeople)
      .catch(() => undefined);
  }, [eventId]);
  useEffect(() => {
    load();
    // Participants changed (here or by another host): the event says so.
    return streaming.subscribe('event', ({ event }) => (event === 'event.changed' || event === 'reconnect') && load(), eventId);
  }, [eventId, load]);
  return { people, setPeople };
}

function AddParticipant({ eventId, roles, onAdded }: { eventId: string; roles: Role[]; onAdded: (p: Participant) => void }) {
  const { t } = useTranslation();
  const [acct, setAcct] = useState('');
  const [role, setRole] = useState<Role>(roles.at(-1)!);
  const [note, setNote] = useState<{ error: boolean; text: string } | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setNote(null);
    addParticipant(eventId, acct.trim().replace(/^@/, ''), role)
      .then((added) => {
        onAdded(added);
        setAcct('');
        setNote({ error: false, text: t('events.people.added', { name: personName(added.account), role: t(`events.roles.${added.role}`) }) });
      })
      .catch((failure: unknown) => setNote({ error: true, text: failure instanceof ApiError ? failure.message : t('errors.network') }));
  };
  return (
    <form className="form people-form" onSubmit={submit}>
      <div className="field">
        <label htmlFor="person-acct">{t('events.people.handle')}</label>
        <input id="person-acct" className="input" value={acct} required autoComplete="off" spellCheck={false} aria-describedby="person-acct-hint" onChange={(e) => setAcct(e.target.value)} />
        <span className="muted" id="person-acct-hint">
          {t('events.people.handleHint')}
        </span>
      </div>
      <div className="field-pair">
        <div className="field">
          <label htmlFor="person-role">{t('events.people.role')}</label>
          <select id="person-role" className="select" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {t(`events.roles.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button" disabled={!acct.trim()}>
          {t('events.people.add')}
        </button>
      </div>
      <p className={note?.error ? 'error' : 'success'} role="status">
        {note?.text}
      </p>
    </form>
  );
}

export function ParticipantsPanel({ eventId, kind, role }: { eventId: string; kind: EventKind; role: EventRole | null }) {
  const { t } = useTranslation();
  const { people, setPeople } = useParticipants(eventId);
  const [error, setError] = useState<string | null>(null);
  const roles = rolesToGive(role, kind);
  const put = (p: Participant) => setPeople((list) => [...(list ?? []).filter((o) => o.account.id !== p.account.id), p]);
  const remove = (p: Participant) => {
    setError(null);
    removeParticipant(eventId, p.account.id)
      .then(() => setPeople((list) => (list ?? []).filter((o) => o.account.id !== p.account.id)))
      .catch((failure: unknown) => setError(failure instanceof ApiError ? failure.message : t('errors.network')));
  };
  return (
    <section className="console-panel participants" aria-labelledby="people-title">
      <h2 className="section-title" id="people-title">
        {t('events.people.title')}
      </h2>
      {people === null ? (
        <p aria-busy="true">{t('common.loading')}</p>
      ) : people.length === 0 ? (
        <p className="empty">{t('events.people.none')}</p>
      ) : (
        <ul className="people" aria-labelledby="people-title">
          {people.map((p) => (
            <li key={p.account.id} className="person-row">
              <Person account={p.account} />
              <span className={`role-tag ${p.role}`}>{t(`events.roles.${p.role}`)}</span>
              {roles.length > 0 && (
                <button type="button" className="button secondary" aria-label={t('events.people.removeName', { name: personName(p.account) })} onClick={() => remove(p)}>
                  {t('events.people.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {roles.length > 0 && <AddParticipant eventId={eventId} roles={roles} onAdded={put} />}
    </section>
  );
}
