// The files attached to a post being written: each checked against the server's limits before it is
// sent, uploaded with its progress, followed while the server processes it, and described. An edit
// starts with the post's own attachments.
import type { TFunction } from 'i18next';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.ts';
import type { MediaAttachment, MediaLimits, Status } from '../api/types.ts';
import { uploadMedia, whenProcessed } from '../api/upload.ts';

export type Kind = 'image' | 'video' | 'audio';
export type Focus = { x: number; y: number };

export interface Attachment {
  key: string;
  kind: Kind;
  name: string;
  /** a picture to show: the file itself (a data: URL) until the server's preview exists */
  thumb: string | null;
  /** the share sent, 0 to 1 */
  progress: number;
  state: 'uploading' | 'processing' | 'ready' | 'failed';
  error: string | null;
  media: MediaAttachment | null;
  description: string;
  focus: Focus | null;
}

const kindOf = (type: string): Kind => (type.startsWith('video/') || type === 'gifv' ? 'video' : type.startsWith('audio/') ? 'audio' : 'image');

function fromMedia(media: MediaAttachment, name: string): Attachment {
  const thumb = media.type === 'image' || media.type === 'gifv' || media.type === 'video' ? media.preview_url : null;
  return {
    key: media.id,
    kind: kindOf(media.type),
    name,
    thumb,
    progress: 1,
    state: 'ready',
    error: null,
    media,
    description: media.description ?? '',
    focus: media.meta?.focus ?? null,
  };
}

const dataUrl = (file: File) =>
  new Promise<string | null>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : null);
    reader.onerror = () => resolve(null);
    reader.readAsDataURL(file);
  });

/** Why the server would refuse this file, before sending it; null when it may be sent. */
function refusal(file: File, limits: MediaLimits | undefined, t: TFunction, megabytes: (bytes: number) => string): string | null {
  if (!limits) return null;
  if (!limits.supported_mime_types.includes(file.type)) return t('media.unsupported', { name: file.name });
  const max = file.type.startsWith('image/') ? limits.image_size_limit : limits.video_size_limit;
  return file.size > max ? t('media.tooBig', { name: file.name, size: megabytes(max) }) : null;
}

/** What the writer changed of an uploaded attachment (the server keeps descriptions trimmed), or null. */
export function changesOf({ media, description, focus }: Attachment): { id: string; description?: string; focus?: string } | null {
  if (!media) return null;
  const change = {
    ...(description.trim() !== (media.description ?? '') ? { description } : {}),
    // Only a point picked here: the server's own, sent back rounded, would count as an edit.
    ...(focus && focus !== media.meta?.focus ? { focus: `${focus.x.toFixed(2)},${focus.y.toFixed(2)}` } : {}),
  };
  return Object.keys(change).length > 0 ? { id: media.id, ...change } : null;
}

export function useAttachments(editing: Status | undefined, limits: MediaLimits | undefined, max: number) {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<Attachment[]>(() => (editing?.media_attachments ?? []).map((m, i) => fromMedia(m, t('media.numbered', { n: i + 1 }))));
  const [problems, setProblems] = useState<string[]>([]);
  const uploads = useRef(new Map<string, AbortController>());
  useEffect(
    () => () => {
      for (const c of uploads.current.values()) c.abort();
    },
    [],
  );
  const patch = (key: string, change: Partial<Attachment>) => setItems((list) => list.map((a) => (a.key === key ? { ...a, ...change } : a)));
  const megabytes = (bytes: number) => new Intl.NumberFormat(i18n.language, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(bytes / 1_000_000);

  async function start(key: string, file: File) {
    const controller = new AbortController();
    uploads.current.set(key, controller);
    try {
      const sent = await uploadMedia(file, (progress) => patch(key, { progress }), controller.signal);
      patch(key, { progress: 1, state: sent.processing ? 'processing' : 'ready', media: sent.media });
      const media = sent.processing ? await whenProcessed(sent.media.id, controller.signal) : sent.media;
      patch(key, { state: 'ready', media, ...(media.preview_url && media.type !== 'audio' ? { thumb: media.preview_url } : {}) });
    } catch (e) {
      if (!controller.signal.aborted) patch(key, { state: 'failed', error: e instanceof ApiError ? e.message : t('errors.network') });
    } finally {
      uploads.current.delete(key);
    }
  }

  function add(files: File[]) {
    const found: string[] = [];
    const room = max - items.length;
    if (files.length > room) found.push(t('media.tooMany', { max }));
    const accepted = files.slice(0, Math.max(room, 0)).filter((file) => {
      const why = refusal(file, limits, t, megabytes);
      if (why) found.push(why);
      return !why;
    });
    setProblems(found);
    for (const file of accepted) {
      const key = crypto.randomUUID();
      const kind = kindOf(file.type);
      setItems((list) => [...list, { key, kind, name: file.name, thumb: null, progress: 0, state: 'uploading', error: null, media: null, description: '', focus: null }]);
      if (kind === 'image') void dataUrl(file).then((thumb) => setItems((list) => list.map((a) => (a.key === key && !a.thumb ? { ...a, thumb } : a))));
      void start(key, file);
    }
  }

  /** Forgets an attachment; one uploaded for this draft only is deleted from the server too. */
  function remove(key: string) {
    const item = items.find((a) => a.key === key);
    uploads.current.get(key)?.abort();
    setItems((list) => list.filter((a) => a.key !== key));
    const own = item?.media && !editing?.media_attachments?.some((m) => m.id === item.media?.id);
    if (own) void api(`/api/v1/media/${item.media!.id}`, { method: 'DELETE' }).catch(() => undefined);
  }

  const clear = () => {
    setItems([]);
    setProblems([]);
  };
  const describe = (key: string, description: string) => patch(key, { description });
  const setFocus = (key: string, focus: Focus) => patch(key, { focus });
  const allReady = items.every((a) => a.state === 'ready');
  return { items, problems, add, remove, describe, setFocus, clear, allReady, room: max - items.length };
}

export type Attachments = ReturnType<typeof useAttachments>;
