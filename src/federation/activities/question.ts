// A local status with a poll, as the Question Mastodon sends: its options are named Notes whose
// `replies` count their votes (`oneOf` for a single choice, `anyOf` for several), with its end,
// whether it is closed, and how many voted.
import { Collection, Note, type Question } from '@fedify/vocab';
import { MediaQuestion } from './attachment.ts';
import type { PollRow } from '../../store/schema/index.ts';
import { instant } from './instant.ts';

export function questionOf(values: ConstructorParameters<typeof Note>[0], poll: PollRow): Question {
  const options = poll.options.map((title, i) => new Note({ name: title, replies: new Collection({ totalItems: poll.tallies[i] ?? 0 }) }));
  return new MediaQuestion({
    ...values,
    ...(poll.multiple ? { inclusiveOptions: options } : { exclusiveOptions: options }),
    endTime: poll.expiresAt ? instant(poll.expiresAt) : null,
    closed: poll.closedAt ? instant(poll.closedAt) : null,
    voters: poll.votersCount,
  });
}
