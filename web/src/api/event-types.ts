// Parley's live events as its API shows them (docs/events.md).
import type { Account, MediaAttachment } from './types.ts';

export type EventKind = 'qa' | 'briefing' | 'coverage';
export type EventState = 'upcoming' | 'live' | 'ended';
export type EventRole = 'host' | 'cohost' | 'moderator' | 'participant';
export type QuestionState = 'pending' | 'approved' | 'answered' | 'hidden' | 'withdrawn' | 'merged';

export interface LiveEvent {
  id: string;
  kind: EventKind;
  title: string;
  description: string;
  language: string | null;
  hashtag: string;
  starts_at: string;
  ends_at: string;
  ended_at: string | null;
  state: EventState;
  premoderated: boolean;
  account: Account;
  announcement_id: string | null;
  url: string;
  questions_count: number;
  answered_count: number;
  created_at: string;
  role: EventRole | null;
  /** the viewer's own raised hand (an accredited participant's, in a briefing) */
  hand?: { raised_at: string; called_at: string | null } | null;
}

export interface Answer {
  status_id: string | null;
  url: string | null;
  content: string;
  /** a prepared answer's text (hosts only) */
  draft?: string | null;
  released: boolean;
  media_attachments: MediaAttachment[];
  created_at: string;
}

export interface Question {
  id: string;
  event_id: string;
  status_id: string;
  url: string | null;
  account: EventAccount | null;
  content: string;
  text: string;
  language: string | null;
  source_server: string | null;
  state: QuestionState;
  votes_count: number;
  /** the viewer's vote (absent in streams) */
  voted?: boolean;
  merged_into_id: string | null;
  follow_up_of_id: string | null;
  answer: Answer | null;
  created_at: string;
  answered_at: string | null;
}

export type EventAccount = Pick<Account, 'id' | 'username' | 'acct' | 'display_name' | 'avatar' | 'url'>;

/** A co-host, moderator or accredited participant. */
export interface Participant {
  account: EventAccount;
  role: Exclude<EventRole, 'host'>;
  created_at: string;
}

/** A raised hand in a briefing; `called_at` once the staff gave it the floor. */
export interface Hand {
  account: EventAccount;
  raised_at: string;
  called_at: string | null;
}
