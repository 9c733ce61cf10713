// What a signed-in viewer's streams listen to and decide with: their relations (follows with their
// choices, blocks, mutes and domain blocks), and the author channels of their home and list streams.
import type { Core } from '../../core/index.ts';
import { NotFoundError } from '../../core/errors.ts';
import type { Follows, ListScope } from '../../core/timelines/home-rule.ts';
import { StreamError, type StreamSpec } from './streams.ts';

/** What the hub keeps of a viewer's relations while their connection is open. */
export interface ViewerRelations {
  /** authors this viewer blocks, is blocked by, or mutes */
  hidden: Set<string>;
  /** servers this viewer blocks */
  hiddenDomains: Set<string>;
  follows: Follows;
  /** the hashtags this viewer follows (lower-case): their public posts come home (see home-rule) */
  tags: ReadonlySet<string>;
  /** when a timed mute ends, and these must be loaded again */
  changesAt: Date | null;
}

/** The accounts whose author channels a home or list stream listens to, the hashtags (home only), and a list's scope. */
export interface Sources {
  authors: readonly string[];
  tags: readonly string[];
  list?: ListScope | undefined;
}

export const NO_RELATIONS: ViewerRelations = { hidden: new Set(), hiddenDomains: new Set(), follows: new Map(), tags: new Set(), changesAt: null };
const NO_SOURCES: Sources = { authors: [], tags: [] };

const MAX_INTERNED = 500_000;

export function createViewerSources(core: Core) {
  // Thousands of open screens follow the same accounts: each id is kept once, not once per screen
  // (an id string costs as much as the map entry holding it). Started afresh when very large.
  const interned = new Map<string, string>();
  function intern(id: string): string {
    const known = interned.get(id);
    if (known !== undefined) return known;
    if (interned.size >= MAX_INTERNED) interned.clear();
    interned.set(id, id);
    return id;
  }

  /** A list that is not the viewer's does not exist for them. */
  async function listOf(viewerId: string, spec: StreamSpec): Promise<ListScope> {
    try {
      const { list, members } = await core.lists.withMembers(viewerId, spec.name[1] ?? '');
      return { members: new Set(members.map(intern)), repliesPolicy: list.repliesPolicy };
    } catch (error) {
      throw error instanceof NotFoundError ? new StreamError(404, 'No such list') : error;
    }
  }

  return {
    listOf,

    /** Loads a viewer's relations; nothing when anonymous. */
    async relationsOf(viewerId: string | null): Promise<ViewerRelations> {
      if (!viewerId) return NO_RELATIONS;
      const [hidden, follows, tags] = await Promise.all([core.relations.hiddenAccounts(viewerId), core.timelines.streamFollows(viewerId), core.tags.followedNames(viewerId)]);
      const followed = new Map([...follows].map(([id, follow]) => [intern(id), follow]));
      return { hidden: hidden.ids, hiddenDomains: hidden.domains, changesAt: hidden.changesAt, follows: followed, tags: new Set(tags) };
    },

    /**
     * A home stream listens to the viewer's own posts, to every account they follow (outside
     * exclusive lists) and to the hashtags they follow; a list stream to its followed members. The
     * rules pick what to show.
     */
    async sourcesOf(viewerId: string | null, relations: ViewerRelations, spec: StreamSpec): Promise<Sources> {
      if (!viewerId) return NO_SOURCES;
      if (spec.name[0] === 'list') {
        const list = await listOf(viewerId, spec);
        return { authors: [...list.members].filter((id) => relations.follows.has(id)), tags: [], list };
      }
      if (spec.name[0] !== 'user') return NO_SOURCES;
      const followed: string[] = [viewerId];
      for (const [id, follow] of relations.follows) if (!follow.exclusive) followed.push(id);
      return { authors: followed, tags: [...relations.tags] };
    },
  };
}
