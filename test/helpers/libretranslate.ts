// A small LibreTranslate-compatible service for tests (its /translate and /languages, as LibreTranslate
// answers them). LibreTranslate itself cannot run here: it needs Python and gigabytes of language
// models. This one "translates" by marking every text outside the HTML tags with the target
// language, counts its calls, checks the API key, and can be made to fail.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeTranslator {
  url: string;
  /** /translate requests answered so far, with what they asked */
  calls: { q: string[]; source: string; target: string; format: string }[];
  /** answer 500 from now on (true) or again normally (false) */
  failing: boolean;
  close(): Promise<void>;
}

const LANGUAGES = [
  { code: 'en', name: 'English', targets: ['ar', 'de', 'en', 'fr', 'th'] },
  { code: 'th', name: 'Thai', targets: ['en', 'th'] },
];

/** What the fake makes of a text: each run of text between tags marked with the target language. */
export const fakeTranslation = (html: string, target: string): string => html.replace(/(^|>)([^<]+)/g, (_m, open: string, text: string) => `${open}[${target}] ${text}`);

export async function startFakeTranslator(apiKey?: string): Promise<FakeTranslator> {
  const state = { calls: [] as FakeTranslator['calls'], failing: false };
  const server = http.createServer(async (req, res) => {
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', 'http://localhost');
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const key = body.api_key ?? url.searchParams.get('api_key') ?? undefined;
    if (apiKey && key !== apiKey) return answer(403, { error: 'Invalid API key' });
    if (state.failing) return answer(500, { error: 'The models are on fire' });
    if (req.method === 'GET' && url.pathname === '/languages') return answer(200, LANGUAGES);
    if (req.method === 'POST' && url.pathname === '/translate') {
      const q = body.q as string[];
      const [source, target, format] = [String(body.source), String(body.target), String(body.format)];
      state.calls.push({ q, source, target, format });
      return answer(200, {
        translatedText: q.map((t) => fakeTranslation(t, target)),
        ...(source === 'auto' ? { detectedLanguage: q.map(() => ({ confidence: 90, language: 'en' })) } : {}),
      });
    }
    answer(404, { error: 'Not Found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
