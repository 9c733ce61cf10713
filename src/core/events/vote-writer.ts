// Writing a vote: the plain writer is the reference, one statement a vote; the grouped one (the one
// Parley runs) writes the votes arriving together in one statement. Each vote also moves its
// question's count, and the count's row lock is held until the commit: one statement a vote made a
// burst of votes on one question wait for each other's commit, ~250 a second on this machine's
// disk (see BENCHMARKS.md, events). Both answer alike (test/events/vote-writers.test.ts).
import { createGroupCommit } from '../../infra/group-commit.ts';
import type { Db } from '../../store/db.ts';
import { addVote } from '../../store/events/questions.ts';
import { addVotes } from '../../store/events/votes.ts';

export interface VoteWriter {
  /** The question's count with this vote, or null when the account had voted for it already. */
  add(questionId: string, accountId: string): Promise<number | null>;
}

export function createPlainVoteWriter(db: Db): VoteWriter {
  return { add: (questionId, accountId) => addVote(db, questionId, accountId) };
}

type Vote = { questionId: string; accountId: string };

export function createGroupedVoteWriter(db: Db): VoteWriter {
  const group = createGroupCommit<Vote, number | null>(
    async (votes) => {
      // The same vote twice in one group (a double click) is written once: the second is a repeat.
      const seen = new Set<string>();
      const firsts = votes.map((v) => {
        const key = `${v.questionId}:${v.accountId}`;
        const first = !seen.has(key);
        seen.add(key);
        return first;
      });
      const written = await addVotes(
        db,
        votes.filter((_, i) => firsts[i]),
      );
      let next = 0;
      return firsts.map((first) => (first ? written[next++]! : null));
    },
    { maxGroup: 500, concurrency: 2 },
  );
  return { add: (questionId, accountId) => group.submit({ questionId, accountId }) };
}
