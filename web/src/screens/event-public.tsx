// A live event for a visitor who is not signed in: the event screen in a plain frame, with the
// way to sign in (to ask and vote).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { startSignIn } from '../auth/oauth.ts';
import { TitleContext } from '../ui/layout.tsx';
import { EventScreen } from './event.tsx';

export function PublicEventFrame({ id }: { id: string }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  useEffect(() => {
    document.title = `${title} - Parley`;
  }, [title]);
  return (
    <div className="public-frame">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="public-bar">
        <Link href="/" className="brand">
          Parley
        </Link>
        <button type="button" className="button secondary" onClick={() => void startSignIn()}>
          {t('welcome.signIn')}
        </button>
      </header>
      <main id="main" className="content" tabIndex={-1}>
        <header className="page-header">
          <h1>{title}</h1>
        </header>
        <TitleContext.Provider value={setTitle}>
          <EventScreen id={id} />
        </TitleContext.Provider>
      </main>
    </div>
  );
}
