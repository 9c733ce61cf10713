// Each streaming viewer's filters, per context: loaded on first need, forgotten when they change,
// and applied to status payloads as the REST timelines apply them.
import type { Core } from '../../core/index.ts';
import { plainText, type FilterMatch } from '../../core/filters/service.ts';
import type { FilterContext } from '../../core/filters/match.ts';
import { serializeFilterResults } from '../mastodon/entities/filter.ts';

export type Matcher = ((statusId: string, text: string) => FilterMatch[]) | null;

/** Any client of the hub: only its identity and viewer are used. */
interface Viewer {
  readonly viewerId: string | null;
}

export function createViewerFilters(core: Core) {
  const matchers = new WeakMap<Viewer, Map<FilterContext, Promise<Matcher>>>();
  // The loaded ones are also kept as values, so delivering to thousands of viewers awaits nothing.
  const loadedMatchers = new WeakMap<Viewer, Map<FilterContext, Matcher>>();

  return {
    matcherOf(client: Viewer, context: FilterContext): Promise<Matcher> {
      let byContext = matchers.get(client);
      if (!byContext) matchers.set(client, (byContext = new Map()));
      let m = byContext.get(context);
      if (!m) {
        const loading = core.filters.matcherFor(client.viewerId!, context).catch(() => null);
        byContext.set(context, (m = loading));
        void loading.then((matcher) => {
          if (matchers.get(client)?.get(context) !== loading) return; // forgotten meanwhile
          let loaded = loadedMatchers.get(client);
          if (!loaded) loadedMatchers.set(client, (loaded = new Map()));
          loaded.set(context, matcher);
        });
      }
      return m;
    },

    /** The matcher if already loaded (null: the viewer has no filters), undefined if not yet. */
    loaded(client: Viewer, context: FilterContext): Matcher | undefined {
      return loadedMatchers.get(client)?.get(context);
    },

    forget(client: Viewer): void {
      matchers.delete(client);
      loadedMatchers.delete(client);
    },

    /**
     * The viewer's filters on a status event: null when a "hide" filter matches, the payload with
     * `filtered` added for "warn", the shared payload when none applies.
     */
    apply(matcher: Matcher, viewerId: string, payload: string): string | null {
      if (!matcher) return payload;
      const status = JSON.parse(payload) as {
        id: string;
        content: string;
        spoiler_text: string;
        account: { id: string };
        reblog: null | { id: string; content: string; spoiler_text: string; account: { id: string } };
        filtered?: unknown;
      };
      const target = status.reblog ?? status;
      if (target.account.id === viewerId) return payload;
      const found = matcher(target.id, `${target.spoiler_text}\n${plainText(target.content)}`);
      if (found.some((f) => f.filter.action === 'hide')) return null;
      return found.length > 0 ? JSON.stringify({ ...status, filtered: serializeFilterResults(found) }) : payload;
    },
  };
}
