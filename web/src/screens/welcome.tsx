// The front door for visitors: what this server is, sign in, or create an account.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { startSignIn } from '../auth/oauth.ts';
import { useSession } from '../state/session.tsx';
import { LanguagePicker } from './language-picker.tsx';

export function WelcomeScreen() {
  const { t } = useTranslation();
  const { instance } = useSession();
  const [error, setError] = useState<string | null>(null);
  const signIn = () => startSignIn().catch(() => setError(t('errors.network')));
  return (
    <main id="main" className="welcome">
      <div className="welcome-card">
        <h1 className="brand-title">Parley</h1>
        <p className="lead">{instance?.title && instance.title !== 'Parley' ? instance.title : t('welcome.tagline')}</p>
        {instance?.description && <p className="muted">{instance.description}</p>}
        <div className="welcome-actions">
          <button type="button" className="button" onClick={() => void signIn()}>
            {t('welcome.signIn')}
          </button>
          {instance?.registrations.enabled !== false && (
            <Link href="/web/sign-up" className="button secondary">
              {t('welcome.signUp')}
            </Link>
          )}
        </div>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <LanguagePicker />
      </div>
    </main>
  );
}
