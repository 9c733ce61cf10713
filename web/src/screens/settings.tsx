// Settings: the public profile (name, bio, fields), the interface language and theme, whether the
// profile is discoverable, the followed hashtags, and the password (through Parley's own endpoint, as Mastodon's API has none).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.ts';
import type { Account } from '../api/types.ts';
import { setTheme, storedTheme, type Theme } from '../settings/theme.ts';
import { useSession } from '../state/session.tsx';
import { usePageTitle } from '../ui/layout.tsx';
import { SignOutButton } from '../ui/sign-out.tsx';
import { DiscoverableSwitch } from './discoverable.tsx';
import { FollowedTags } from './followed-tags.tsx';
import { LanguagePicker } from './language-picker.tsx';

const MAX_FIELDS = 4;

/** A settings form's request, and the line that says how it went (the server's words on failure). */
function useOutcome() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  async function submit(e: FormEvent, work: () => Promise<string>) {
    e.preventDefault();
    setStatus(null);
    try {
      setStatus({ ok: true, text: await work() });
    } catch (error) {
      setStatus({ ok: false, text: error instanceof ApiError ? error.message : t('errors.network') });
    }
  }
  const outcome = status && (
    <p className={status.ok ? 'success' : 'error'} role="status">
      {status.text}
    </p>
  );
  return { submit, outcome };
}

function ProfileForm() {
  const { t } = useTranslation();
  const { me, setMe } = useSession();
  const [name, setName] = useState(me?.display_name ?? '');
  const [bio, setBio] = useState(me?.source?.note ?? '');
  const [fields, setFields] = useState(() => {
    const list = (me?.source?.fields ?? []).map((f) => ({ name: f.name, value: f.value }));
    while (list.length < MAX_FIELDS) list.push({ name: '', value: '' });
    return list;
  });
  const { submit, outcome } = useOutcome();

  const save = (e: FormEvent) =>
    submit(e, async () => {
      const updated = await api<Account>('/api/v1/accounts/update_credentials', {
        method: 'PATCH',
        body: { display_name: name, note: bio, fields_attributes: fields.filter((f) => f.name.trim() || f.value.trim()) },
      });
      setMe(updated);
      return t('settings.saved');
    });

  return (
    <form className="form" onSubmit={save} aria-labelledby="settings-profile">
      <h2 id="settings-profile" className="section-title">
        {t('settings.profile')}
      </h2>
      <div className="field">
        <label htmlFor="settings-name">{t('settings.displayName')}</label>
        <input id="settings-name" className="input" value={name} onChange={(e) => setName(e.target.value)} maxLength={30} />
      </div>
      <div className="field">
        <label htmlFor="settings-bio">{t('settings.bio')}</label>
        <textarea id="settings-bio" className="input" value={bio} onChange={(e) => setBio(e.target.value)} rows={4} maxLength={500} />
      </div>
      <fieldset className="field">
        <legend>{t('settings.fields')}</legend>
        {fields.map((f, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the fields are numbered slots ("Label 1"), never added, removed or moved: the place is the identity.
          <div key={i} className="field-pair">
            <input
              className="input"
              aria-label={t('settings.fieldName', { n: i + 1 })}
              value={f.name}
              onChange={(e) => setFields(fields.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))}
              placeholder={t('settings.fieldNamePlaceholder')}
            />
            <input
              className="input"
              aria-label={t('settings.fieldValue', { n: i + 1 })}
              value={f.value}
              onChange={(e) => setFields(fields.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))}
              placeholder={t('settings.fieldValuePlaceholder')}
            />
          </div>
        ))}
      </fieldset>
      <button type="submit" className="button">
        {t('settings.save')}
      </button>
      {outcome}
    </form>
  );
}

/** Through Parley's own endpoint (Mastodon's API has none); other sessions are signed out. */
function PasswordForm() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const { submit, outcome } = useOutcome();

  const change = (e: FormEvent) =>
    submit(e, async () => {
      await api('/api/parley/v1/password', { body: { current_password: current, password: next } });
      setCurrent('');
      setNext('');
      return t('settings.passwordChanged');
    });

  return (
    <form className="form" onSubmit={change} aria-labelledby="settings-password">
      <h2 id="settings-password" className="section-title">
        {t('settings.password')}
      </h2>
      <div className="field">
        <label htmlFor="settings-current-password">{t('settings.passwordCurrent')}</label>
        <input id="settings-current-password" className="input" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor="settings-new-password">{t('settings.passwordNew')}</label>
        <input id="settings-new-password" className="input" type="password" autoComplete="new-password" minLength={8} value={next} onChange={(e) => setNext(e.target.value)} required />
      </div>
      <button type="submit" className="button">
        {t('settings.passwordChange')}
      </button>
      {outcome}
    </form>
  );
}

export function SettingsScreen() {
  const { t } = useTranslation();
  usePageTitle(t('nav.settings'));
  const [theme, setThemeState] = useState<Theme>(storedTheme());
  return (
    <div className="settings">
      <ProfileForm />
      <section className="form" aria-labelledby="settings-appearance">
        <h2 id="settings-appearance" className="section-title">
          {t('settings.appearance')}
        </h2>
        <LanguagePicker id="settings-language" inline={false} />
        <fieldset className="field">
          <legend>{t('settings.theme')}</legend>
          {(['system', 'light', 'dark'] as const).map((option) => (
            <label key={option} className="radio">
              <input
                type="radio"
                name="theme"
                value={option}
                checked={theme === option}
                onChange={() => {
                  setTheme(option);
                  setThemeState(option);
                }}
              />
              {t(`settings.themes.${option}`)}
            </label>
          ))}
        </fieldset>
      </section>
      <DiscoverableSwitch />
      <FollowedTags />
      <PasswordForm />
      <section className="form phone-only">
        <SignOutButton className="button secondary" />
      </section>
    </div>
  );
}
