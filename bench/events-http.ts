// The HTTP side of bench/events.ts: the API calls of a host and of many signed-in accounts, over
// keep-alive connections (a burst of votes goes through a fixed number of them, as a crowd of
// clients behind a few proxies would).
import http from 'node:http';

export interface Answer {
  status: number;
  body: string;
  /** when a connection took the request and its response read in full (ms since the epoch, sub-millisecond) */
  sent: number;
  done: number;
}

const now = () => performance.timeOrigin + performance.now();

export function createHttp(connections: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  return {
    request(url: string, method: string, token: string | null, body?: object): Promise<Answer> {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
      if (payload !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) });
      return new Promise((resolve, reject) => {
        let sent = now();
        const req = http.request(url, { method, agent, headers }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, sent, done: now() }));
          res.on('error', reject);
        });
        // Timed from when a connection takes it, not from when it joined the agent's queue.
        req.once('socket', () => (sent = now()));
        req.on('error', reject);
        req.end(payload);
      });
    },
    close: () => agent.destroy(),
  };
}

export type Http = ReturnType<typeof createHttp>;

/** The JSON of a successful answer; anything else fails the run with what the server said. */
export function ok<T>(answer: Answer, what: string): T {
  if (answer.status !== 200) throw new Error(`${what}: ${answer.status} ${answer.body.slice(0, 300)}`);
  return JSON.parse(answer.body) as T;
}
