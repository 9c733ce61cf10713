// Which roles someone running an event may give (docs/events.md): the host names co-hosts; hosts
// and co-hosts name moderators, and accredited participants where they ask (briefings).
import type { EventKind, EventRole, Participant } from '../api/event-types.ts';

export function rolesToGive(mine: EventRole | null, kind: EventKind): Participant['role'][] {
  if (mine !== 'host' && mine !== 'cohost') return [];
  return [...(mine === 'host' ? (['cohost'] as const) : []), 'moderator' as const, ...(kind === 'briefing' ? (['participant'] as const) : [])];
}
