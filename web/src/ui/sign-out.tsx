import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { signOut } from '../auth/oauth.ts';
import { useSession } from '../state/session.tsx';
import { streaming } from '../streaming/stream.ts';
import { Icon } from './icons.tsx';
import { clearTimelines } from './timeline-cache.ts';

export function SignOutButton({ className = 'nav-link' }: { className?: string }) {
  const { t } = useTranslation();
  const { setMe } = useSession();
  const [, navigate] = useLocation();
  const run = async () => {
    await signOut();
    // Nothing of this person's may stay on screen or in memory for the next one.
    clearTimelines();
    streaming.reset();
    setMe(null);
    navigate('/');
  };
  return (
    <button type="button" className={className} onClick={() => void run()}>
      <Icon name="logout" />
      <span>{t('nav.signOut')}</span>
    </button>
  );
}
