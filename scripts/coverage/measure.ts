// Which operations of the Mastodon OpenAPI description Parley answers: a real server, a user with
// every scope and records to act on (world.ts), then every operation called once (requests.ts).
// An operation is answered when a route takes it: anything but a 501 or the router's own 404
// ("Not Found"; a route's 404 for a record that does not exist says "Record not found").
import { ROUTE_NOT_FOUND } from '../../src/api/errors.ts';
import { loadConformance, type Operation } from '../../test/helpers/conformance.ts';
import { startServer, type TestServer } from '../../test/helpers/server.ts';
import { requestFor, type ProbeRequest } from './requests.ts';
import { buildWorld } from './world.ts';

/** Tags whose operations belong to other issues: counted apart, under these names. */
export const OTHER_ISSUES: Record<string, string> = { media: 'media and polls', polls: 'media and polls', push: 'push', reports: 'reports' };

export interface OperationResult {
  method: string;
  template: string;
  /** the operation's first tag, or the other issue it belongs to */
  area: string;
  otherIssue: boolean;
  status: number;
  answered: boolean;
  /** a 2xx JSON answer the description has a schema for: whether it conformed */
  schema: 'passed' | 'failed' | 'none';
  problems: string[];
}

export interface MeasureOptions {
  /** which operations to call (all of them by default) */
  select?: (all: Operation[]) => Operation[];
  onProgress?: (done: number, total: number, result: OperationResult) => void;
}

/** Whether an answer says that no route took the request. */
export function routeMissing(status: number, body: unknown): boolean {
  return status === 501 || (status === 404 && (body as { error?: unknown } | undefined)?.error === ROUTE_NOT_FOUND);
}

const UNDOING = /\/(block|mute|unfollow|remove_from_followers|unblock|unmute|unpin|unreblog|unfavourite|unbookmark|unendorse|unfeature|reject|dismiss|revoke)$/;

/**
 * Reads first, then writes (those undoing something last), then deletions, a record's parts before
 * the record (longer paths first), and the clearing of all notifications (filtered ones too, whose
 * requests a dismissal needs) at the very end: each acts on records still there.
 */
function phase(op: Operation): number {
  if (op.method === 'GET') return 0;
  if (op.method === 'DELETE' || op.template.endsWith('/clear')) return 3;
  return UNDOING.test(op.template) ? 2 : 1;
}

async function send(base: string, token: string, request: ProbeRequest): Promise<{ status: number; body: unknown; json: boolean }> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  let body: RequestInit['body'];
  if (request.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request.json);
  } else if (request.form) body = await request.form();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 15_000);
  try {
    const response = await fetch(`${base}${request.path}`, { method: request.method, headers, body, redirect: 'manual', signal: controller.signal });
    const type = response.headers.get('content-type') ?? '';
    // A stream answers with its headers and then stays open: the headers say enough.
    if (type.includes('text/event-stream')) {
      await response.body?.cancel().catch(() => {});
      return { status: response.status, body: undefined, json: false };
    }
    const text = await response.text();
    const json = type.includes('json') && text.length > 0;
    return { status: response.status, body: json ? JSON.parse(text) : text, json };
  } finally {
    clearTimeout(timer);
  }
}

function classify(op: Operation, request: ProbeRequest, answer: { status: number; body: unknown; json: boolean }): OperationResult {
  const tag = op.tags[0] ?? 'untagged';
  const conformance = loadConformance();
  const pathname = request.path.split('?')[0]!;
  const ok = answer.status >= 200 && answer.status < 300;
  const described = ok && answer.json && conformance.describes(op.method, pathname, answer.status);
  const problems = described ? conformance.check(op.method, pathname, answer.status, answer.body) : [];
  return {
    method: op.method,
    template: op.template,
    area: OTHER_ISSUES[tag] ?? tag,
    otherIssue: tag in OTHER_ISSUES,
    status: answer.status,
    answered: !routeMissing(answer.status, answer.body),
    schema: described ? (problems.length === 0 ? 'passed' : 'failed') : 'none',
    problems,
  };
}

/** Starts a Parley of its own, calls the operations and stops it again. */
export async function measureCoverage(options: MeasureOptions = {}): Promise<OperationResult[]> {
  const conformance = loadConformance();
  if (!conformance.available) throw new Error('the Mastodon OpenAPI description (../shared/conformance/mastodon-openapi.json) is absent');
  const all = conformance.operations();
  const chosen = (options.select ? options.select(all) : all).map((op, index) => ({ op, index }));
  const depth = (op: Operation) => (op.method === 'DELETE' ? -op.template.length : 0);
  chosen.sort((a, b) => phase(a.op) - phase(b.op) || depth(a.op) - depth(b.op) || a.index - b.index);
  const server: TestServer = await startServer({}, { logSink: () => {} });
  try {
    const world = await buildWorld(server.url, server.app);
    const results: OperationResult[] = [];
    for (const { op } of chosen) {
      const request = requestFor(op, world);
      const result = classify(op, request, await send(server.url, world.token, request));
      results.push(result);
      options.onProgress?.(results.length, chosen.length, result);
    }
    // In the description's order again.
    const order = new Map(all.map((op, i) => [`${op.method} ${op.template}`, i]));
    return results.sort((a, b) => order.get(`${a.method} ${a.template}`)! - order.get(`${b.method} ${b.template}`)!);
  } finally {
    await server.stop();
  }
}
