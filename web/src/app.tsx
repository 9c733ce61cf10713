// Screens by address. Client routes live under /web/ (as in Mastodon), so the server keeps `/@user`
// and every API and ActivityPub path for itself.
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Redirect, Route, Switch, useLocation } from 'wouter';
import { useSession } from './state/session.tsx';
import { CallbackScreen } from './screens/callback.tsx';
import { ComposeScreen } from './screens/compose.tsx';
import { EventScreen } from './screens/event.tsx';
import { EventConsoleScreen } from './screens/event-console.tsx';
import { EventsScreen, NewEventScreen } from './screens/events.tsx';
import { PublicEventFrame } from './screens/event-public.tsx';
import { ListScreen, ListsScreen } from './screens/lists.tsx';
import { NotificationRequestsScreen } from './screens/notification-requests.tsx';
import { NotificationsScreen } from './screens/notifications.tsx';
import { ProfileScreen } from './screens/profile.tsx';
import { SearchScreen } from './screens/search.tsx';
import { SettingsScreen } from './screens/settings.tsx';
import { SignUpScreen } from './screens/sign-up.tsx';
import { ThreadScreen } from './screens/thread.tsx';
import { VideosScreen } from './screens/videos.tsx';
import { BookmarksScreen, FavouritesScreen, FederatedScreen, HomeScreen, LocalScreen, TagScreen } from './screens/timelines.tsx';
import { WelcomeScreen } from './screens/welcome.tsx';
import { Layout } from './ui/layout.tsx';

/** Visitors who are not signed in see the public page of a profile or post, or the front door. */
function SignedOut() {
  const [path] = useLocation();
  const publicPage = /^\/web(\/@[^/]+(?:\/\d+)?)$/.exec(path)?.[1];
  useEffect(() => {
    if (publicPage) location.replace(publicPage);
  }, [publicPage]);
  return publicPage ? null : <Redirect to="/" replace />;
}

const PROFILE = /^\/web\/@(?<acct>[^/]+)$/;
const PROFILE_TAB = /^\/web\/@(?<acct>[^/]+)\/(?<tab>replies|followers|following)$/;
const THREAD = /^\/web\/@(?<acct>[^/]+)\/(?<id>\d+)$/;

function SignedIn() {
  return (
    <Layout>
      <Switch>
        <Route path="/web/home" component={HomeScreen} />
        <Route path="/web/local" component={LocalScreen} />
        <Route path="/web/federated" component={FederatedScreen} />
        <Route path="/web/videos" component={VideosScreen} />
        <Route path="/web/notifications" component={NotificationsScreen} />
        <Route path="/web/notifications/requests" component={NotificationRequestsScreen} />
        <Route path="/web/favourites" component={FavouritesScreen} />
        <Route path="/web/bookmarks" component={BookmarksScreen} />
        <Route path="/web/lists" component={ListsScreen} />
        <Route path="/web/lists/:id">{(p: { id: string }) => <ListScreen key={p.id} id={p.id} />}</Route>
        <Route path="/web/events" component={EventsScreen} />
        <Route path="/web/events/new" component={NewEventScreen} />
        <Route path="/web/events/:id">{(p: { id: string }) => <EventScreen key={p.id} id={p.id} />}</Route>
        <Route path="/web/events/:id/console">{(p: { id: string }) => <EventConsoleScreen key={p.id} id={p.id} />}</Route>
        <Route path="/web/search" component={SearchScreen} />
        <Route path="/web/settings" component={SettingsScreen} />
        <Route path="/web/compose" component={ComposeScreen} />
        <Route path="/web/tags/:tag">{(p) => <TagScreen tag={decodeURIComponent(p.tag)} />}</Route>
        <Route path={PROFILE}>{(p: { acct: string }) => <ProfileScreen key={p.acct} acct={decodeURIComponent(p.acct)} />}</Route>
        <Route path={PROFILE_TAB}>{(p: { acct: string; tab: 'replies' | 'followers' | 'following' }) => <ProfileScreen key={p.acct} acct={decodeURIComponent(p.acct)} tab={p.tab} />}</Route>
        <Route path={THREAD}>{(p: { id: string }) => <ThreadScreen key={p.id} id={p.id} />}</Route>
        <Route>
          <Redirect to="/web/home" replace />
        </Route>
      </Switch>
    </Layout>
  );
}

export function App(): ReactNode {
  const { me, loading } = useSession();
  const { t } = useTranslation();
  if (loading)
    return (
      <p className="splash" aria-busy="true">
        {t('common.loading')}
      </p>
    );
  return (
    <Switch>
      <Route path="/web/callback" component={CallbackScreen} />
      <Route path="/web/sign-up">{me ? <Redirect to="/web/home" replace /> : <SignUpScreen />}</Route>
      <Route path="/">{me ? <Redirect to="/web/home" replace /> : <WelcomeScreen />}</Route>
      {/* A live event is there to read and watch signed out too. */}
      <Route path="/web/events/:id">{(p: { id: string }) => (me ? <SignedIn /> : <PublicEventFrame id={p.id} />)}</Route>
      <Route>{me ? <SignedIn /> : <SignedOut />}</Route>
    </Switch>
  );
}
