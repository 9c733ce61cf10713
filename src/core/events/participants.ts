// Who runs and who may ask: co-hosts, moderators and accredited participants (local or on other
// servers, found by the door before they are added); a briefing's raised hands; a coverage event's
// updates posted through the API.
import { membersOf, removeMember, setMember, type EventMemberRow } from '../../store/events/events.ts';
import { addUpdate, callHand, handsOf, lowerHand, raiseHand, updatesOf, type EventHandRow } from '../../store/events/hands.ts';
import type { EventRole } from '../../store/schema/index.ts';
import type { Account } from '../accounts/service.ts';
import { ForbiddenError, invalid, NotFoundError } from '../errors.ts';
import { isId } from '../ids.ts';
import type { StatusView } from '../statuses/views.ts';
import { type Actor, eventAndRole, eventFor, type EventsDeps, HOSTS, STAFF, stateOf } from './deps.ts';

export function createParticipants(deps: EventsDeps) {
  const { db, statuses, live } = deps;

  return {
    members: async (eventId: string): Promise<EventMemberRow[]> => membersOf(db, (await eventAndRole(db, eventId, null)).event.id),

    /** Only the host names co-hosts; co-hosts name moderators and participants. */
    async addMember(actor: Actor, eventId: string, member: Account, role: Exclude<EventRole, 'host'>): Promise<EventMemberRow> {
      const { event, role: mine } = await eventFor(db, eventId, actor.account.id, HOSTS);
      if (role === 'cohost' && mine !== 'host') throw new ForbiddenError('Only the host names co-hosts');
      if (member.id === event.accountId) throw invalid('The host is the host');
      const row = await setMember(db, { eventId: event.id, accountId: member.id, role });
      await live.eventChanged(event.id, [member.id]);
      return row;
    },

    async removeMember(actor: Actor, eventId: string, accountId: string): Promise<void> {
      const { event } = await eventFor(db, eventId, actor.account.id, HOSTS);
      if (!isId(accountId) || !(await removeMember(db, event.id, accountId))) throw new NotFoundError();
      await live.eventChanged(event.id, [accountId]);
    },

    async raiseHand(actor: Actor, eventId: string, up: boolean): Promise<void> {
      const { event, role } = await eventAndRole(db, eventId, actor.account.id);
      if (event.kind !== 'briefing') throw invalid('Hands are raised in briefings');
      if (role !== 'participant') throw new ForbiddenError('Only accredited participants may raise a hand');
      if (up && stateOf(event) === 'ended') throw invalid('This event has ended');
      if (up) await raiseHand(db, event.id, actor.account.id);
      else if (!(await lowerHand(db, event.id, actor.account.id))) throw new NotFoundError();
      await live.handsChanged(event.id);
    },

    async hands(viewerId: string, eventId: string): Promise<EventHandRow[]> {
      const { event } = await eventFor(db, eventId, viewerId, STAFF);
      return handsOf(db, event.id);
    },

    /** Hands for the staff's stream (which only the staff hear). */
    handsOf: (eventId: string): Promise<EventHandRow[]> => handsOf(db, eventId),

    async callOn(actor: Actor, eventId: string, accountId: string): Promise<EventHandRow> {
      const { event } = await eventFor(db, eventId, actor.account.id, STAFF);
      const hand = isId(accountId) ? await callHand(db, event.id, accountId) : undefined;
      if (!hand) throw new NotFoundError();
      await live.handsChanged(event.id);
      return hand;
    },

    /** A coverage update: a public post by a host replying to the announcement (so it threads in every app). */
    async postUpdate(actor: Actor, eventId: string, input: { text: string; language?: string | null | undefined; mediaIds?: readonly string[] | undefined }): Promise<StatusView> {
      const { event } = await eventFor(db, eventId, actor.account.id, HOSTS);
      if (event.kind !== 'coverage') throw invalid('Updates are posted in coverage events');
      if (stateOf(event) === 'ended') throw invalid('This event has ended');
      const posted = await statuses.post(actor.account, actor.user, {
        text: input.text,
        language: input.language ?? null,
        mediaIds: input.mediaIds,
        visibility: 'public',
        inReplyToId: event.statusId ?? undefined,
      });
      if (await addUpdate(db, event.id, posted.status.id)) await live.updatePosted(event.id, posted.status.id);
      return posted;
    },

    async updates(viewerId: string | null, eventId: string, page: { maxId?: string | undefined; limit: number }): Promise<StatusView[]> {
      const { event } = await eventAndRole(db, eventId, viewerId);
      return deps.views.hydrate(viewerId, await updatesOf(db, event.id, page));
    },
  };
}
