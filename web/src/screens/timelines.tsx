// Home, local, federated and hashtag timelines, live over the streaming API.
import { useTranslation } from 'react-i18next';
import { Announcements } from '../ui/announcements.tsx';
import { usePageTitle } from '../ui/layout.tsx';
import { TagFollowButton } from '../ui/tag-follow.tsx';
import { Timeline } from '../ui/timeline.tsx';

export function HomeScreen() {
  const { t } = useTranslation();
  usePageTitle(t('nav.home'));
  return (
    <>
      <Announcements />
      <Timeline id="home" path="/api/v1/timelines/home" stream={{ name: 'user' }} label={t('nav.home')} empty={t('timeline.emptyHome')} />
    </>
  );
}

export function LocalScreen() {
  const { t } = useTranslation();
  usePageTitle(t('nav.local'));
  return <Timeline id="local" path="/api/v1/timelines/public?local=true" stream={{ name: 'public:local' }} label={t('nav.local')} empty={t('timeline.empty')} />;
}

export function FederatedScreen() {
  const { t } = useTranslation();
  usePageTitle(t('nav.federated'));
  return <Timeline id="federated" path="/api/v1/timelines/public" stream={{ name: 'public' }} label={t('nav.federated')} empty={t('timeline.empty')} />;
}

export function TagScreen({ tag }: { tag: string }) {
  const { t } = useTranslation();
  const title = `#${tag}`;
  usePageTitle(title);
  return (
    <>
      <TagFollowButton key={tag} tag={tag} />
      <Timeline
        key={tag}
        id={`tag:${tag.toLowerCase()}`}
        path={`/api/v1/timelines/tag/${encodeURIComponent(tag)}`}
        stream={{ name: 'hashtag', param: tag }}
        label={title}
        empty={t('timeline.empty')}
      />
    </>
  );
}

export function FavouritesScreen() {
  const { t } = useTranslation();
  usePageTitle(t('nav.favourites'));
  return <Timeline id="favourites" path="/api/v1/favourites" label={t('nav.favourites')} empty={t('timeline.emptyFavourites')} />;
}

export function BookmarksScreen() {
  const { t } = useTranslation();
  usePageTitle(t('nav.bookmarks'));
  return <Timeline id="bookmarks" path="/api/v1/bookmarks" label={t('nav.bookmarks')} empty={t('timeline.emptyBookmarks')} />;
}
