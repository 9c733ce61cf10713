// Media uploads: the file sent with XMLHttpRequest (fetch reports no upload progress), then the
// attachment asked for again while the server is still processing it (206), until it is ready.
import { storedToken } from '../auth/storage.ts';
import { ApiError } from './client.ts';
import type { MediaAttachment } from './types.ts';

export interface Uploaded {
  media: MediaAttachment;
  /** the server answered 202: still processing */
  processing: boolean;
}

function errorOf(status: number, text: string, fallback: string): ApiError {
  try {
    const data = JSON.parse(text) as { error?: string; error_description?: string };
    return new ApiError(status, data.error_description ?? data.error ?? fallback);
  } catch {
    return new ApiError(status, fallback);
  }
}

/** POST /api/v2/media; `onProgress` gets the share sent, 0 to 1. */
export function uploadMedia(file: File, onProgress: (share: number) => void, signal: AbortSignal): Promise<Uploaded> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v2/media');
    const token = storedToken();
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    });
    xhr.addEventListener('load', () => {
      if (xhr.status === 200 || xhr.status === 202) resolve({ media: JSON.parse(xhr.responseText) as MediaAttachment, processing: xhr.status === 202 });
      else reject(errorOf(xhr.status, xhr.responseText, xhr.statusText));
    });
    xhr.addEventListener('error', () => reject(new TypeError('network')));
    xhr.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    signal.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}

const wait = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new DOMException('aborted', 'AbortError'));
      },
      { once: true },
    );
  });

/** Asks GET /api/v1/media/:id until it answers 200 (ready), backing off from half a second to five. */
export async function whenProcessed(id: string, signal: AbortSignal): Promise<MediaAttachment> {
  const token = storedToken();
  const headers: Record<string, string> = { Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) };
  for (let delay = 500; ; delay = Math.min(delay * 2, 5_000)) {
    await wait(delay, signal);
    const response = await fetch(`/api/v1/media/${id}`, { headers, signal });
    const text = await response.text();
    if (response.status === 200) return JSON.parse(text) as MediaAttachment;
    if (response.status !== 206) throw errorOf(response.status, text, response.statusText);
  }
}
