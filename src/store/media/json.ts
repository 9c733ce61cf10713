// Media rows read inside another query as JSON (a status's attachments with the status), and back.
import { sql } from 'drizzle-orm';
import type { MediaMeta, MediaRow, MediaState, MediaType } from '../schema/media.ts';

/** One attachment as JSON, ids as text (a JSON number would lose digits of a snowflake id); `ma` is the row. */
export const MEDIA_JSON = sql.raw(`json_build_object(
  'id', ma.id::text, 'account_id', ma.account_id::text, 'status_id', ma.status_id::text, 'position', ma.position,
  'type', ma.type, 'state', ma.state, 'error', ma.error, 'file_key', ma.file_key, 'preview_key', ma.preview_key, 'content_type', ma.content_type,
  'file_size', ma.file_size, 'meta', ma.meta, 'description', ma.description, 'focus_x', ma.focus_x, 'focus_y', ma.focus_y,
  'blurhash', ma.blurhash, 'remote_url', ma.remote_url, 'remote_preview_url', ma.remote_preview_url,
  'attached_at', ma.attached_at, 'created_at', ma.created_at, 'updated_at', ma.updated_at)`);

export interface MediaJson {
  id: string;
  account_id: string;
  status_id: string | null;
  position: number | null;
  type: MediaType;
  state: MediaState;
  error: string | null;
  file_key: string | null;
  preview_key: string | null;
  content_type: string | null;
  file_size: number | null;
  meta: MediaMeta;
  description: string | null;
  focus_x: number | null;
  focus_y: number | null;
  blurhash: string | null;
  remote_url: string | null;
  remote_preview_url: string | null;
  attached_at: string | null;
  created_at: string;
  updated_at: string;
}

const date = (v: string | null) => (v === null ? null : new Date(v));

export function mediaFromJson(j: MediaJson): MediaRow {
  return {
    id: j.id,
    accountId: j.account_id,
    statusId: j.status_id,
    // A status's attachments: the scheduled post that reserved one is gone once it was made.
    scheduledStatusId: null,
    position: j.position,
    type: j.type,
    state: j.state,
    error: j.error,
    originalKey: null,
    fileKey: j.file_key,
    previewKey: j.preview_key,
    contentType: j.content_type,
    fileSize: j.file_size,
    meta: j.meta,
    description: j.description,
    focusX: j.focus_x,
    focusY: j.focus_y,
    blurhash: j.blurhash,
    remoteUrl: j.remote_url,
    remotePreviewUrl: j.remote_preview_url,
    attachedAt: date(j.attached_at),
    createdAt: new Date(j.created_at),
    updatedAt: new Date(j.updated_at),
  };
}
