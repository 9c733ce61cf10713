import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, real, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { createdAt, snowflake, updatedAt } from './columns.ts';
import { scheduledStatuses } from './scheduled-statuses.ts';
import { statuses } from './statuses.ts';

export type MediaType = 'image' | 'gifv' | 'video' | 'audio' | 'unknown';
export type MediaState = 'processing' | 'ready' | 'failed';

/** One size of a processed file, as Mastodon's `meta.original` / `meta.small` give it. */
export interface MediaSize {
  width?: number;
  height?: number;
  size?: string;
  aspect?: number;
  duration?: number;
  frame_rate?: string;
  bitrate?: number;
}

export interface MediaMeta {
  original?: MediaSize;
  small?: MediaSize;
  /** seconds, for video and audio */
  duration?: number;
  fps?: number;
}

/**
 * Uploaded (or remote) media. A local upload is processed by a job (state `processing` → `ready`);
 * its served files are content-addressed keys in the media storage. An attachment removed by an edit
 * keeps its status (edit history shows it) but loses its position.
 */
export const mediaAttachments = pgTable(
  'media_attachments',
  {
    id: snowflake('id').primaryKey(),
    accountId: snowflake('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    // A deleted status leaves its media unattached: the clean-up removes them and their files.
    statusId: snowflake('status_id').references(() => statuses.id, { onDelete: 'set null' }),
    /** reserved by a scheduled post, which carries it when posted (the clean-up leaves it); freed when that is cancelled */
    scheduledStatusId: snowflake('scheduled_status_id').references(() => scheduledStatuses.id, { onDelete: 'set null' }),
    /** order in the status's current version; null once an edit took it out */
    position: smallint('position'),
    type: text('type').$type<MediaType>().notNull(),
    state: text('state').$type<MediaState>().notNull().default('processing'),
    error: text('error'),
    /** the uploaded bytes, kept only until processed */
    originalKey: text('original_key'),
    fileKey: text('file_key'),
    previewKey: text('preview_key'),
    contentType: text('content_type'),
    fileSize: integer('file_size'),
    meta: jsonb('meta').$type<MediaMeta>().notNull().default({}),
    description: text('description'),
    focusX: real('focus_x'),
    focusY: real('focus_y'),
    blurhash: text('blurhash'),
    /** where a remote attachment lives on its server */
    remoteUrl: text('remote_url'),
    remotePreviewUrl: text('remote_preview_url'),
    attachedAt: timestamp('attached_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('media_attachments_status_idx').on(t.statusId, t.position).where(sql`${t.statusId} is not null`),
    index('media_attachments_unattached_idx').on(t.createdAt).where(sql`${t.statusId} is null`),
    index('media_attachments_scheduled_idx').on(t.scheduledStatusId).where(sql`${t.scheduledStatusId} is not null`),
  ],
);

export type MediaRow = typeof mediaAttachments.$inferSelect;
