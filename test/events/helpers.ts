// What the events tests share: knowing that a socket hears an event's channel.
import { randomInt } from 'node:crypto';
import type { Bus } from '../../src/infra/bus.ts';
import type { RawSocket } from '../helpers/streaming.ts';
import { eventually } from '../helpers/wait.ts';

/**
 * Resolves once the socket hears this event channel: a withdrawal of a question that never existed
 * is published on it until it arrives (screens ignore a withdrawal of a question they do not show).
 */
export async function hearing(bus: Bus, on: string, socket: RawSocket): Promise<void> {
  const probe = String(randomInt(1, 2 ** 47));
  await eventually(
    async () => {
      await bus.publish(on, JSON.stringify({ event: 'event.question.delete', id: probe }));
      return socket.frames.some((f) => f.event === 'event.question.delete' && f.payload === JSON.stringify({ id: probe }));
    },
    10_000,
    `a stream hearing ${on}`,
  );
}
