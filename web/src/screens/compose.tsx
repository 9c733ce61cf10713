// Writing a post on a phone, where the composer does not fit beside the timeline.
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { Compose } from '../ui/compose.tsx';
import { usePageTitle } from '../ui/layout.tsx';

export function ComposeScreen() {
  const { t } = useTranslation();
  usePageTitle(t('nav.compose'));
  const [, navigate] = useLocation();
  return <Compose autoFocus onDone={() => navigate('/web/home')} />;
}
