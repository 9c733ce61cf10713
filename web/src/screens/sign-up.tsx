// Creating an account through the API (POST /api/v1/accounts), then straight into the app.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { ApiError } from '../api/client.ts';
import { signUp } from '../auth/oauth.ts';
import { useSession } from '../state/session.tsx';
import { LanguagePicker } from './language-picker.tsx';

export function SignUpScreen() {
  const { t, i18n } = useTranslation();
  const { refresh, instance } = useSession();
  const [, navigate] = useLocation();
  const [form, setForm] = useState({ username: '', email: '', password: '', agreement: false, reason: '' });
  const [error, setError] = useState<string | null>(null);
  const [details, setDetails] = useState<ApiError['details']>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDetails({});
    try {
      const { reason, ...rest } = form;
      await signUp({ ...rest, ...(reason.trim() ? { reason } : {}), locale: i18n.language });
      // With approval or e-mail confirmation required, the new account cannot be used yet.
      if (await refresh()) navigate('/web/home');
      else setError(t('signUp.pending'));
    } catch (err) {
      if (err instanceof ApiError) {
        setError(err.message);
        setDetails(err.details);
      } else setError(t('errors.network'));
    } finally {
      setBusy(false);
    }
  }

  const problem = (field: string) => details[field]?.map((d) => d.description).join(' ');
  const input = (field: 'username' | 'email' | 'password', type: string, autoComplete: string) => (
    <div className="field">
      <label htmlFor={`sign-up-${field}`}>{t(`signUp.${field}`)}</label>
      <input
        id={`sign-up-${field}`}
        className="input"
        type={type}
        name={field}
        autoComplete={autoComplete}
        required
        value={form[field]}
        onChange={(e) => setForm({ ...form, [field]: e.target.value })}
        aria-invalid={Boolean(problem(field))}
        aria-describedby={problem(field) ? `${field}-problem` : undefined}
        minLength={field === 'password' ? 8 : undefined}
      />
      {problem(field) && (
        <span id={`${field}-problem`} className="error">
          {problem(field)}
        </span>
      )}
    </div>
  );

  return (
    <main id="main" className="welcome">
      <form className="welcome-card form" onSubmit={submit}>
        <h1>{t('signUp.title')}</h1>
        {instance?.registrations.approval_required && <p className="muted">{t('signUp.approval')}</p>}
        {input('username', 'text', 'username')}
        {input('email', 'email', 'email')}
        {input('password', 'password', 'new-password')}
        {instance?.registrations.approval_required && (
          <div className="field">
            <label htmlFor="sign-up-reason">{t('signUp.reason')}</label>
            <textarea
              id="sign-up-reason"
              className="input"
              required
              value={form.reason}
              onChange={(e) => setForm({ ...form, reason: e.target.value })}
              aria-describedby={problem('reason') ? 'reason-problem' : undefined}
            />
            {problem('reason') && (
              <span id="reason-problem" className="error">
                {problem('reason')}
              </span>
            )}
          </div>
        )}
        <label className="checkbox">
          <input type="checkbox" name="agreement" required checked={form.agreement} onChange={(e) => setForm({ ...form, agreement: e.target.checked })} />
          {t('signUp.agreement')}
        </label>
        <button type="submit" className="button" disabled={busy}>
          {t('signUp.submit')}
        </button>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <p>
          <Link href="/">{t('signUp.back')}</Link>
        </p>
        <LanguagePicker />
      </form>
    </main>
  );
}
