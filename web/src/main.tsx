import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { setupI18n } from './i18n/index.ts';
import { applyTheme } from './settings/theme.ts';
import { SessionProvider } from './state/session.tsx';
import './fonts.css';
import './styles.css';
import './media.css';
import './videos.css';
import './poll.css';
import './versions.css';
import './announcements.css';
import './events.css';

applyTheme();
await setupI18n();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SessionProvider>
      <App />
    </SessionProvider>
  </StrictMode>,
);
