// Where the server's consent page sends the browser back with an authorization code.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { completeSignIn } from '../auth/oauth.ts';
import { useSession } from '../state/session.tsx';

export function CallbackScreen() {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const [, navigate] = useLocation();
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);
  useEffect(() => {
    // A code can be traded once only; React's development double effects must not try twice.
    if (started.current) return;
    started.current = true;
    completeSignIn(new URLSearchParams(location.search))
      .then(refresh)
      .then(() => navigate('/web/home', { replace: true }))
      .catch(() => setError(t('signIn.failed')));
  }, [navigate, refresh, t]);
  return (
    <main id="main" className="welcome">
      <div className="welcome-card">
        {error ? (
          <>
            <p className="error" role="alert">
              {error}
            </p>
            <Link href="/">{t('signUp.back')}</Link>
          </>
        ) : (
          <p aria-busy="true">{t('signIn.finishing')}</p>
        )}
      </div>
    </main>
  );
}
