// Instance entities (v1 and v2), built from configuration and a few counts.
import type { Config } from '../../../config.ts';
import { LIMITS } from '../../../core/accounts/rules.ts';
import { MAX_DESCRIPTION } from '../../../core/media/details.ts';
import { ACCEPTED } from '../../../core/media/formats.ts';
import { MASTODON_COMPAT_VERSION, SOURCE_URL } from '../../../version.ts';
import { serializeRules } from './instance-texts.ts';

export interface InstanceFacts {
  users: number;
  activeMonth: number;
  statuses: number;
  domains: number;
  vapidPublicKey: string;
}

/** What clients read before uploading: the formats and limits the media processing enforces. */
function mediaLimits(config: Config) {
  const m = config.media;
  return {
    supported_mime_types: Object.keys(ACCEPTED),
    image_size_limit: m.imageMaxBytes,
    image_matrix_limit: m.maxInputPixels,
    video_size_limit: m.videoMaxBytes,
    video_frame_rate_limit: m.videoMaxFps,
    video_matrix_limit: m.videoMaxPixels,
  };
}
const POLLS = { max_options: 4, max_characters_per_option: 50, min_expiration: 300, max_expiration: 2_629_746 };

function statusLimits(config: Config) {
  return { max_characters: config.limits.maxStatusChars, max_media_attachments: 4, characters_reserved_per_url: 23 };
}

/** The public pages of the instance's texts (see api/public). */
const textPages = (config: Config) => ({ privacy_policy: `${config.origin}/privacy-policy`, terms_of_service: `${config.origin}/terms-of-service` });

function streamingUrl(config: Config): string {
  return config.origin.replace(/^http/, 'ws');
}

export function serializeInstanceV2(config: Config, facts: InstanceFacts) {
  return {
    domain: config.domain,
    title: config.instance.title,
    version: MASTODON_COMPAT_VERSION,
    source_url: SOURCE_URL,
    description: config.instance.description,
    usage: { users: { active_month: facts.activeMonth } },
    thumbnail: { url: `${config.origin}/avatars/original/missing.png` },
    icon: [] as { src: string; size: string }[],
    languages: ['en', 'fr'],
    configuration: {
      urls: { streaming: streamingUrl(config), status: null, about: `${config.origin}/about`, ...textPages(config) },
      vapid: { public_key: facts.vapidPublicKey },
      accounts: {
        max_featured_tags: 10,
        max_pinned_statuses: 5,
        max_display_name_length: LIMITS.displayNameMax,
        max_note_length: LIMITS.noteMax,
        max_profile_fields: LIMITS.fieldsMax,
        profile_field_name_limit: LIMITS.fieldNameMax,
        profile_field_value_limit: LIMITS.fieldValueMax,
      },
      statuses: statusLimits(config),
      media_attachments: { ...mediaLimits(config), description_limit: MAX_DESCRIPTION },
      polls: POLLS,
      translation: { enabled: config.translation.url !== undefined },
      limited_federation: false,
    },
    registrations: {
      enabled: config.registrations !== 'closed',
      approval_required: config.registrations === 'approval',
      reason_required: config.registrations === 'approval',
      message: null,
      url: null,
      min_age: null,
    },
    // Mastodon 4.4's API level: grouped notifications (v2), the notification policy and requests
    // (level 2) are served; a client that reads a higher level uses what 4.4 had.
    api_versions: { mastodon: 6 },
    contact: { email: config.instance.contactEmail, account: null },
    rules: serializeRules(config.instance.rules),
  };
}

export function serializeInstanceV1(config: Config, facts: InstanceFacts) {
  return {
    uri: config.domain,
    title: config.instance.title,
    short_description: config.instance.description,
    description: config.instance.description,
    email: config.instance.contactEmail,
    version: MASTODON_COMPAT_VERSION,
    urls: { streaming_api: streamingUrl(config) },
    stats: { user_count: facts.users, status_count: facts.statuses, domain_count: facts.domains },
    thumbnail: `${config.origin}/avatars/original/missing.png`,
    languages: ['en', 'fr'],
    registrations: config.registrations !== 'closed',
    approval_required: config.registrations === 'approval',
    invites_enabled: false,
    configuration: {
      accounts: { max_featured_tags: 10 },
      statuses: statusLimits(config),
      media_attachments: mediaLimits(config),
      polls: POLLS,
    },
    contact_account: null,
    rules: serializeRules(config.instance.rules),
  };
}
