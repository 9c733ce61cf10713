// The frame around every signed-in screen: navigation (a side column on wide screens, a tab bar on
// phones), the composer beside the content on wide screens, and keyboard shortcuts.
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { api } from '../api/client.ts';
import type { Notification } from '../api/types.ts';
import { useSession } from '../state/session.tsx';
import { streaming } from '../streaming/stream.ts';
import { Avatar, displayName } from './avatar.tsx';
import { Compose } from './compose.tsx';
import { Icon, type IconName } from './icons.tsx';
import { SignOutButton } from './sign-out.tsx';

export const COMPOSE_ID = 'compose-text';

interface NavItem {
  href: string;
  icon: IconName;
  label: string;
  /** also shown in the phone's tab bar */
  tab?: boolean;
  badge?: number;
}

export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return Boolean(el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)));
}

/** j/k move between posts, n writes a new one, / searches. */
function useShortcuts() {
  const [, navigate] = useLocation();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (event.key === 'j' || event.key === 'k') {
        const posts = [...document.querySelectorAll<HTMLElement>('main article.status')];
        if (posts.length === 0) return;
        const current = posts.findIndex((p) => p === document.activeElement || p.contains(document.activeElement));
        const target = posts[current === -1 ? 0 : Math.max(0, Math.min(posts.length - 1, current + (event.key === 'j' ? 1 : -1)))];
        target?.focus();
        target?.scrollIntoView({ block: 'nearest' });
        event.preventDefault();
      } else if (event.key === 'n') {
        const box = document.getElementById(COMPOSE_ID);
        if (box && box.offsetParent !== null) box.focus();
        else navigate('/web/compose');
        event.preventDefault();
      } else if (event.key === '/') {
        navigate('/web/search');
        event.preventDefault();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);
}

export const TitleContext = createContext<(title: string) => void>(() => {});

/** Each screen names itself: the heading, and the browser tab. */
export function usePageTitle(title: string): void {
  const set = useContext(TitleContext);
  useEffect(() => set(title), [set, title]);
}

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const { me, unread, setUnread } = useSession();
  const [location] = useLocation();
  useShortcuts();

  useEffect(() => {
    document.title = `${title} - Parley`;
  }, [title]);

  // Counts notifications arriving elsewhere in the app, for the badge.
  const here = useRef(location);
  here.current = location;
  useEffect(() => {
    if (!me) return;
    // Unread since the notifications marker: the count survives reloads and other devices.
    api<{ count: number }>('/api/v1/notifications/unread_count')
      .then(({ count }) => setUnread((n) => (here.current.startsWith('/web/notifications') ? n : count)))
      .catch(() => undefined);
    return streaming.subscribe('user', ({ event, payload }) => {
      if (event === 'notification' && (payload as Notification).id && !here.current.startsWith('/web/notifications')) setUnread((n) => n + 1);
    });
  }, [me, setUnread]);

  const items: NavItem[] = [
    { href: '/web/home', icon: 'home', label: t('nav.home'), tab: true },
    { href: '/web/notifications', icon: 'bell', label: t('nav.notifications'), tab: true, badge: unread },
    { href: '/web/local', icon: 'people', label: t('nav.local'), tab: true },
    { href: '/web/federated', icon: 'globe', label: t('nav.federated') },
    { href: '/web/videos', icon: 'film', label: t('nav.videos'), tab: true },
    { href: '/web/search', icon: 'search', label: t('nav.search'), tab: true },
    { href: '/web/favourites', icon: 'star', label: t('nav.favourites') },
    { href: '/web/bookmarks', icon: 'bookmark', label: t('nav.bookmarks') },
    { href: '/web/lists', icon: 'list', label: t('nav.lists') },
    { href: '/web/events', icon: 'calendar', label: t('nav.events'), tab: true },
    ...(me ? [{ href: `/web/@${me.acct}`, icon: 'user' as const, label: t('nav.profile'), tab: true }] : []),
    { href: '/web/settings', icon: 'gear', label: t('nav.settings') },
  ];
  const current = (href: string) =>
    location === href || (href.startsWith('/web/@') && /^\/(replies|followers|following)$/.test(location.slice(href.length))) || (href === '/web/events' && location.startsWith('/web/events/'));

  return (
    // The host console takes the width of the screen for its three panes.
    <div className={`shell${/^\/web\/events\/\d+\/console$/.test(location) ? ' wide' : ''}`}>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <aside className="sidebar">
        <Link href="/web/home" className="brand">
          Parley
        </Link>
        {me && (
          <Link href={`/web/@${me.acct}`} className="me">
            <Avatar account={me} size={40} />
            <span className="names">
              <bdi className="display-name">{displayName(me)}</bdi>
              <span className="acct">@{me.acct}</span>
            </span>
          </Link>
        )}
        <nav aria-label={t('nav.label')}>
          <ul className="nav-list">
            {items.map((item) => (
              <li key={item.href}>
                <Link href={item.href} className="nav-link" aria-current={current(item.href) ? 'page' : undefined}>
                  <Icon name={item.icon} />
                  <span>{item.label}</span>
                  {item.badge ? (
                    <span className="badge">
                      {item.badge}
                      <span className="visually-hidden"> {t('nav.unread')}</span>
                    </span>
                  ) : null}
                </Link>
              </li>
            ))}
            <li>
              <SignOutButton />
            </li>
          </ul>
        </nav>
        {me && (
          <section className="sidebar-compose" aria-label={t('compose.label')}>
            <Compose textareaId={COMPOSE_ID} />
          </section>
        )}
      </aside>
      <main id="main" className="content" tabIndex={-1}>
        <header className="page-header">
          <h1>{title}</h1>
          <Link href="/web/settings" className="phone-only icon-link" aria-label={t('nav.settings')}>
            <Icon name="gear" />
          </Link>
        </header>
        <TitleContext.Provider value={setTitle}>{children}</TitleContext.Provider>
      </main>
      <nav className="tabbar" aria-label={t('nav.tabs')}>
        {items
          .filter((i) => i.tab)
          .map((item) => (
            <Link key={item.href} href={item.href} className="tab" aria-current={current(item.href) ? 'page' : undefined} aria-label={item.label}>
              <Icon name={item.icon} />
              {item.badge ? <span className="badge dot" aria-hidden="true" /> : null}
            </Link>
          ))}
        <Link href="/web/compose" className="tab compose-tab" aria-label={t('nav.compose')}>
          <Icon name="pen" />
        </Link>
      </nav>
    </div>
  );
}
