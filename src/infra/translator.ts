// Machine translation through a LibreTranslate-compatible service (LibreTranslate's /translate and
// /languages, as Mastodon calls them). The core asks through the Translator interface; this module
// alone speaks HTTP to the service.

export interface Translator {
  /** the name the Translation entity gives as its provider */
  readonly provider: string;
  /** source language → the languages it can be translated into */
  languages(): Promise<Record<string, string[]>>;
  /** the texts (HTML) in the target language, in order; the source's language as the service detected it, when it was not given */
  translate(request: { texts: readonly string[]; source: string | null; target: string }): Promise<{ texts: string[]; detected: string | null }>;
}

/** The service could not be reached, refused, or answered what a LibreTranslate service does not. */
export class TranslatorError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TranslatorError';
  }
}

const TIMEOUT_MS = 10_000;

export function createLibreTranslate(options: { url: string; apiKey?: string | undefined; timeoutMs?: number }): Translator {
  const { url, apiKey, timeoutMs = TIMEOUT_MS } = options;

  async function call(path: string, init: RequestInit): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${url}${path}`, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new TranslatorError(`the translation service at ${url} could not be reached`, { cause: error });
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) throw new TranslatorError(`the translation service answered ${response.status}${describe(body)}`);
    return body;
  }

  return {
    provider: 'LibreTranslate',

    async languages() {
      const body = await call(`/languages${apiKey ? `?api_key=${encodeURIComponent(apiKey)}` : ''}`, { method: 'GET' });
      if (!Array.isArray(body)) throw new TranslatorError('the translation service listed no languages');
      const out: Record<string, string[]> = {};
      for (const entry of body as { code?: unknown; targets?: unknown }[]) {
        if (typeof entry?.code !== 'string') continue;
        const targets = Array.isArray(entry.targets) ? entry.targets.filter((t): t is string => typeof t === 'string' && t !== entry.code) : [];
        out[entry.code] = targets;
      }
      return out;
    },

    async translate({ texts, source, target }) {
      const body = (await call('/translate', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ q: texts, source: source ?? 'auto', target, format: 'html', ...(apiKey ? { api_key: apiKey } : {}) }),
      })) as { translatedText?: unknown; detectedLanguage?: unknown } | undefined;
      const translated = body?.translatedText;
      if (!Array.isArray(translated) || translated.length !== texts.length || !translated.every((t) => typeof t === 'string')) {
        throw new TranslatorError('the translation service answered without the translated texts');
      }
      return { texts: translated as string[], detected: detectedOf(body?.detectedLanguage) };
    },
  };
}

/** LibreTranslate names the detected language per text when asked with `auto` (the first says it). */
function detectedOf(detected: unknown): string | null {
  const first = Array.isArray(detected) ? detected[0] : detected;
  const language = (first as { language?: unknown } | undefined)?.language;
  return typeof language === 'string' ? language : null;
}

const describe = (body: unknown): string => {
  const error = (body as { error?: unknown } | undefined)?.error;
  return typeof error === 'string' ? `: ${error}` : '';
};
