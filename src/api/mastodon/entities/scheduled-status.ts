// The ScheduledStatus entity: when, what it will be posted with, and the uploads it carries.
import type { ScheduledStatus } from '../../../core/statuses/service.ts';
import { serializeMediaAttachment } from './media-attachment.ts';

/** `base` is where served files are reached (PARLEY_MEDIA_BASE_URL or `<origin>/media`). */
export function serializeScheduledStatus(s: ScheduledStatus, base: string) {
  const p = s.params;
  return {
    id: s.id,
    scheduled_at: s.scheduledAt.toISOString(),
    params: {
      text: p.text,
      poll: p.poll ? { options: p.poll.options, expires_in: p.poll.expiresIn, multiple: p.poll.multiple, hide_totals: p.poll.hideTotals } : null,
      media_ids: p.mediaIds.length > 0 ? p.mediaIds : null,
      sensitive: p.sensitive,
      spoiler_text: p.spoilerText,
      visibility: p.visibility,
      // Ids as strings, as everywhere in the API (a JSON number would lose digits of a 64-bit id).
      in_reply_to_id: p.inReplyToId,
      application_id: s.appId,
      language: p.language,
      scheduled_at: null,
      idempotency: null,
      with_rate_limit: false,
    },
    media_attachments: s.media.map((m) => serializeMediaAttachment(m, base)),
  };
}
