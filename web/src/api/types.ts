// The parts of Mastodon's entities the web app reads.
export type Visibility = 'public' | 'unlisted' | 'private' | 'direct';

export interface Field {
  name: string;
  value: string;
  verified_at: string | null;
}

export interface Account {
  id: string;
  username: string;
  acct: string;
  url: string;
  display_name: string;
  note: string;
  avatar: string;
  header: string;
  locked: boolean;
  bot: boolean;
  fields: Field[];
  created_at: string;
  statuses_count: number;
  followers_count: number;
  following_count: number;
  source?: { note: string; fields: { name: string; value: string }[]; privacy: Visibility; language: string | null; discoverable?: boolean | null };
  discoverable?: boolean | null;
}

export interface Mention {
  id: string;
  username: string;
  acct: string;
  url: string;
}

export type MediaType = 'image' | 'gifv' | 'video' | 'audio' | 'unknown';

export interface MediaSize {
  width?: number;
  height?: number;
  duration?: number;
}

export interface MediaAttachment {
  id: string;
  type: MediaType;
  url: string | null;
  preview_url: string | null;
  description: string | null;
  blurhash: string | null;
  meta: { original?: MediaSize; small?: MediaSize; focus?: { x: number; y: number } } | null;
}

export interface PollOption {
  title: string;
  /** null while the poll hides its totals (until it ends) */
  votes_count: number | null;
}

export interface Poll {
  id: string;
  expires_at: string | null;
  expired: boolean;
  multiple: boolean;
  votes_count: number;
  /** given for multiple-choice polls only */
  voters_count: number | null;
  options: PollOption[];
  /** the reader's part: absent when the status came without a reader (anonymous, or a stream's status.update) */
  voted?: boolean;
  own_votes?: number[];
}

export interface Status {
  id: string;
  created_at: string;
  in_reply_to_id: string | null;
  in_reply_to_account_id: string | null;
  sensitive: boolean;
  spoiler_text: string;
  visibility: Visibility;
  language: string | null;
  uri: string;
  url: string | null;
  replies_count: number;
  reblogs_count: number;
  favourites_count: number;
  edited_at: string | null;
  content: string;
  reblog: Status | null;
  account: Account;
  mentions: Mention[];
  tags: { name: string; url: string }[];
  media_attachments?: MediaAttachment[];
  poll?: Poll | null;
  favourited?: boolean;
  reblogged?: boolean;
  bookmarked?: boolean;
  /** Parley: every language the post is written in, primary first (empty when it has one); `?lang=` reads another */
  parley_languages?: string[];
}

export interface StatusEdit {
  content: string;
  spoiler_text: string;
  sensitive?: boolean;
  created_at: string;
  account: Account;
  media_attachments?: MediaAttachment[];
  /** what the version's poll offered */
  poll?: { options: { title: string }[] } | null;
  /** Parley, when the post then had versions in other languages: its primary's language */
  language?: string | null;
  /** Parley: the post's versions in other languages at that edit, each with its own text */
  parley_versions?: { language: string; content: string; spoiler_text: string }[];
}

export type NotificationType = 'mention' | 'status' | 'reblog' | 'follow' | 'follow_request' | 'favourite' | 'poll' | 'update' | string;

export interface Notification {
  id: string;
  type: NotificationType;
  created_at: string;
  account: Account;
  status?: Status | null;
}

export interface Relationship {
  id: string;
  following: boolean;
  requested: boolean;
  followed_by: boolean;
  blocking: boolean;
  blocked_by: boolean;
  muting: boolean;
}

export interface Instance {
  title: string;
  description: string;
  languages: string[];
  configuration: {
    statuses: { max_characters: number; max_media_attachments?: number };
    media_attachments?: MediaLimits;
    polls?: PollLimits;
    /** whether the server translates posts (Mastodon's) */
    translation?: { enabled: boolean };
  };
  registrations: { enabled: boolean; approval_required: boolean };
}

export interface MediaLimits {
  supported_mime_types: string[];
  image_size_limit: number;
  video_size_limit: number;
  description_limit?: number;
}

export interface PollLimits {
  max_options: number;
  max_characters_per_option: number;
  /** seconds */
  min_expiration: number;
  max_expiration: number;
}

export interface SearchResults {
  accounts: Account[];
  statuses: Status[];
  hashtags: { name: string; url: string }[];
}

export interface List {
  id: string;
  title: string;
  replies_policy: 'followed' | 'list' | 'none';
  exclusive: boolean;
}

export interface App {
  client_id: string;
  client_secret: string;
  redirect_uri: string;
}

export interface Token {
  access_token: string;
  token_type: string;
  scope: string;
}

export interface Tag {
  name: string;
  url: string;
  /** whether the viewer follows it (given when signed in) */
  following?: boolean;
}

/** Notifications held back by the notification policy, from one account. */
export interface NotificationRequest {
  id: string;
  created_at: string;
  updated_at: string;
  account: Account;
  /** a number, as a string (Mastodon's shape) */
  notifications_count: string;
  last_status?: Status | null;
}

export interface Announcement {
  id: string;
  content: string;
  starts_at: string | null;
  ends_at: string | null;
  all_day: boolean;
  published_at: string;
  read?: boolean;
}
