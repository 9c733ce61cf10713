// Mastodon's machine translation of a post (POST /api/v1/statuses/:id/translate), where the server offers one.
import { api } from './client.ts';

export interface Translation {
  content: string;
  detected_source_language: string;
  provider: string;
}

export const translateStatus = (statusId: string, lang: string) => api<Translation>(`/api/v1/statuses/${statusId}/translate`, { body: { lang } });
