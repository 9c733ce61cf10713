// New posts that concern an event, from any server, read in fan-out's batch (in its transaction, so
// a question is taken exactly once with the post's delivery): a reply to the announcement, or a post
// mentioning the host with the event's hashtag, is a question; a briefing participant's reply to an
// answer is a follow-up; a host's reply to a question is its answer; in a coverage event a host's
// reply to the announcement is an update. Private and direct posts are never taken: the audience
// would see them.
import type { Tx } from '../../store/db.ts';
import { addUpdate } from '../../store/events/hands.ts';
import { intakeCandidates, type IntakeCandidate } from '../../store/events/intake.ts';
import { insertQuestion, questionById } from '../../store/events/questions.ts';
import type { AskerStanding } from '../../store/events/standing.ts';
import type { StatusFacts } from '../live.ts';
import { refusal, standingOf } from './admission.ts';
import { recordAnswer } from './answer.ts';
import { type EventsDeps, HOSTS } from './deps.ts';
import { isPublicState } from './live.ts';

type Heard = () => Promise<void>;

export function createIntake(deps: EventsDeps) {
  const { ids, live } = deps;

  async function question(tx: Tx, c: IntakeCandidate, standing: AskerStanding, followUpOfId: string | null): Promise<Heard | null> {
    if (c.visibility !== 'public' && c.visibility !== 'unlisted') return null;
    if (refusal(standing)) return null;
    const { event } = standing;
    const made = await insertQuestion(tx, {
      id: ids(),
      eventId: event.id,
      statusId: c.statusId,
      accountId: c.accountId,
      language: c.language,
      state: event.premoderated ? 'pending' : 'approved',
      followUpOfId,
    });
    return made ? () => live.questionChanged(event.id, made.id, made.state, false) : null;
  }

  async function one(tx: Tx, c: IntakeCandidate): Promise<Heard | null> {
    const standing = await standingOf(tx, c.eventId, c.accountId);
    if (!standing) return null;
    const { event, role } = standing;
    const hosting = role !== null && HOSTS.includes(role);
    if (c.via === 'announcement' && hosting && event.kind === 'coverage') {
      return (await addUpdate(tx, event.id, c.statusId)) ? () => live.updatePosted(event.id, c.statusId) : null;
    }
    if (c.via === 'question') {
      const asked = hosting && c.questionId ? await questionById(tx, c.questionId) : undefined;
      const recorded = asked ? await recordAnswer(tx, asked, c.accountId, c.statusId) : null;
      return recorded ? () => live.questionChanged(event.id, recorded.after.id, recorded.after.state, isPublicState(recorded.before.state)) : null;
    }
    if (c.via === 'answer') return event.kind === 'briefing' ? question(tx, c, standing, c.questionId) : null;
    return question(tx, c, standing, null);
  }

  return {
    /**
     * Takes what the new posts bring to events; what runs once the batch committed (the screens
     * hear of it). Only replies, and posts mentioning someone with a hashtag, can concern an event:
     * the others (most) cost no statement.
     */
    async intake(facts: readonly StatusFacts[], tx: Tx): Promise<(() => Promise<void>) | undefined> {
      const statusIds = facts.filter((f) => !f.reblogOfId && (f.inReplyToAccountId !== null || (f.mentioned.length > 0 && f.tags.length > 0))).map((f) => f.id);
      if (statusIds.length === 0) return undefined;
      const candidates = await intakeCandidates(tx, statusIds);
      if (candidates.length === 0) return undefined;
      const heard: Heard[] = [];
      // One event per post: a reply to the announcement that also mentions the host with the hashtag is one question.
      const seen = new Set<string>();
      for (const c of candidates) {
        if (seen.has(c.statusId)) continue;
        seen.add(c.statusId);
        const h = await one(tx, c);
        if (h) heard.push(h);
      }
      return async () => {
        for (const h of heard) await h();
      };
    },
  };
}
