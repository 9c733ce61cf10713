// Health for load balancers and supervisors: GET /health (as on Mastodon) and the streaming API's
// own /api/v1/streaming/health tell the same truth: "OK" when the database (and Redis, when
// configured) answer, a 503 naming what is down when not.
import { Hono, type Context } from 'hono';
import type { AppEnv } from './deps.ts';
import { RETRY_AFTER_SECONDS } from './errors.ts';
import type { HealthReport } from '../infra/health.ts';

export function healthRoutes(check: () => Promise<HealthReport>) {
  const app = new Hono<AppEnv>();
  const answer = async (c: Context<AppEnv>) => {
    const report = await check();
    if (report.healthy) return c.text('OK');
    const down = Object.entries(report.parts)
      .filter(([, state]) => state === 'down')
      .map(([part]) => part);
    c.header('Retry-After', String(RETRY_AFTER_SECONDS));
    c.header('Cache-Control', 'no-store');
    return c.json({ error: `Unavailable: ${down.join(' and ')} down`, ...report.parts }, 503);
  };
  app.get('/health', answer);
  app.get('/api/v1/streaming/health', answer);
  return app;
}
