// Fedify's message queue on Parley's durable jobs (graphile-worker in PostgreSQL): an activity
// queued for delivery survives a restart, and any worker process may deliver it.
import type { MessageQueue, MessageQueueEnqueueOptions, MessageQueueListenOptions } from '@fedify/fedify';
import type { Db } from '../store/db.ts';
import type { Jobs } from '../infra/jobs.ts';

export const FEDIFY_TASK = 'fedify.message';

/** The federation door's own jobs (the core knows nothing of Fedify): its queued messages. */
export interface FederationJobPayloads {
  [FEDIFY_TASK]: { message: unknown };
}

export interface JobsMessageQueue extends MessageQueue {
  /** the job handler that hands queued messages to Fedify (registered by worker processes) */
  readonly handler: (payload: FederationJobPayloads[typeof FEDIFY_TASK]) => Promise<void>;
}

/** Fedify's outbox messages carry the headers their delivery is sent with. */
function withUserAgent(message: unknown, userAgent: string): unknown {
  const m = message as { type?: string; headers?: Record<string, string> };
  if (m?.type !== 'outbox') return message;
  return { ...m, headers: { 'User-Agent': userAgent, ...m.headers } };
}

export function createJobsMessageQueue(db: Db, jobs: Jobs<FederationJobPayloads>, headers: { userAgent: string }): JobsMessageQueue {
  let deliver: ((message: unknown) => Promise<void> | void) | undefined;
  const runAt = (options?: MessageQueueEnqueueOptions) => {
    const ms = options?.delay?.total('millisecond') ?? 0;
    return ms > 0 ? new Date(Date.now() + ms) : undefined;
  };
  const enqueueOne = (message: unknown, options?: MessageQueueEnqueueOptions) =>
    // Fedify retries failed deliveries itself (with its back-off); a job retry covers only a
    // message picked up before Fedify listened.
    jobs.enqueue(db, FEDIFY_TASK, { message: withUserAgent(message, headers.userAgent) }, { runAt: runAt(options), maxAttempts: 5 });

  return {
    nativeRetrial: false,
    enqueue: enqueueOne,
    async enqueueMany(messages: readonly unknown[], options?: MessageQueueEnqueueOptions) {
      await db.transaction(async (tx) => {
        for (const message of messages) await jobs.enqueue(tx, FEDIFY_TASK, { message: withUserAgent(message, headers.userAgent) }, { runAt: runAt(options), maxAttempts: 5 });
      });
    },
    listen(handler, options?: MessageQueueListenOptions) {
      deliver = handler;
      return new Promise<void>((resolve) => {
        if (options?.signal?.aborted) return resolve();
        options?.signal?.addEventListener('abort', () => {
          deliver = undefined;
          resolve();
        });
      });
    },
    async handler(payload) {
      // A message picked up before Fedify listens (start-up) fails and is tried again by the job.
      if (!deliver) throw new Error('Fedify is not listening to its queue yet');
      await deliver(payload.message);
    },
  };
}
