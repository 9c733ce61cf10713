// Knowing that a page listens live before anything is posted: its app asked for the stream, and
// that stream carries what the bus publishes on a channel (see helpers/streaming `listening`).
import { randomInt } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { Bus } from '../../src/infra/bus.ts';
import { listening } from '../helpers/streaming.ts';
import { eventually } from '../helpers/wait.ts';

/**
 * Resolves once the page has asked the streaming API for `stream`, and that stream carries what
 * is published on the bus channel `on` (then live events can be expected). Call it before the
 * page opens its socket (before `goto`).
 */
export function subscribed(page: Page, bus: Bus, stream: string, on: string): Promise<void> {
  const received: string[] = [];
  const text = (payload: string | Buffer) => (typeof payload === 'string' ? payload : payload.toString());
  const asked = new Promise<void>((resolve) => {
    page.on('websocket', (socket) => {
      socket.on('framereceived', (frame) => received.push(text(frame.payload)));
      socket.on('framesent', (frame) => {
        const sent = text(frame.payload);
        if (sent.includes('"subscribe"') && sent.includes(`"${stream}"`)) resolve();
      });
    });
  });
  const heard = (probe: string) => received.some((frame) => frame.includes(probe) && frame.includes(`"${stream}"`));
  return asked.then(() => listening(bus, on, heard));
}

/**
 * The same for a live event's stream, which carries no status deletes: resolves once the page's
 * `event` stream carries a withdrawal (of a question that never existed) published on `on`.
 */
export function subscribedToEvent(page: Page, bus: Bus, on: string): Promise<void> {
  const received: string[] = [];
  const text = (payload: string | Buffer) => (typeof payload === 'string' ? payload : payload.toString());
  const asked = new Promise<void>((resolve) => {
    page.on('websocket', (socket) => {
      socket.on('framereceived', (frame) => received.push(text(frame.payload)));
      socket.on('framesent', (frame) => {
        const sent = text(frame.payload);
        if (sent.includes('"subscribe"') && sent.includes('"event"')) resolve();
      });
    });
  });
  // Any probe arriving will do: each try publishes another.
  const probes: string[] = [];
  return asked.then(() =>
    eventually(
      async () => {
        probes.push(String(randomInt(1, 2 ** 47)));
        await bus.publish(on, JSON.stringify({ event: 'event.question.delete', id: probes.at(-1) }));
        return received.some((frame) => frame.includes('event.question.delete') && probes.some((p) => frame.includes(p)));
      },
      10_000,
      `a page hearing ${on}`,
    ).then(() => undefined),
  );
}
