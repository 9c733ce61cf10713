// /api/v1/annual_reports: an account's year ("Wrapstodon"), made by a job on request.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Auth } from '../auth.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { validate } from '../params.ts';
import { readerContext } from '../reader-languages.ts';
import { urlContext } from './entities/account.ts';
import { serializeAnnualReports } from './entities/annual-report.ts';
import { setAsyncRefreshHeader } from './entities/async-refresh.ts';

const yearParams = z.object({ year: z.coerce.number().int().min(1).max(9999) });
/** Seconds a client waits before asking about a report being made again (Mastodon's hint). */
const RETRY_SECONDS = 2;

export function annualReportsRoutes(deps: ApiDeps, auth: Auth) {
  const urls = urlContext(deps.config);
  const reports = deps.core.annualReports;
  const app = new Hono<AppEnv>();
  const yearOf = (c: { req: { param(): Record<string, string> } }) => validate(c.req.param(), yearParams).year;

  app.get('/api/v1/annual_reports', async (c) => {
    const { account } = await auth.user(c, 'read:accounts');
    return c.json(serializeAnnualReports(await reports.list(account.id), readerContext(c, urls)));
  });

  app.get('/api/v1/annual_reports/:year{[0-9]+}', async (c) => {
    const { account } = await auth.user(c, 'read:accounts');
    return c.json(serializeAnnualReports(await reports.one(account.id, yearOf(c)), readerContext(c, urls)));
  });

  app.get('/api/v1/annual_reports/:year{[0-9]+}/state', async (c) => {
    const { account } = await auth.user(c, 'read:accounts');
    const { state, refresh } = await reports.state(account.id, yearOf(c));
    setAsyncRefreshHeader(c, refresh, RETRY_SECONDS);
    return c.json({ state });
  });

  // 202 while the report is being made (its refresh named in the header), 200 once it is there.
  app.post('/api/v1/annual_reports/:year{[0-9]+}/generate', async (c) => {
    const { account } = await auth.user(c, 'write:accounts');
    const { state, refresh } = await reports.generate(account.id, yearOf(c));
    setAsyncRefreshHeader(c, refresh, RETRY_SECONDS);
    return c.json({}, state === 'available' ? 200 : 202);
  });

  app.post('/api/v1/annual_reports/:year{[0-9]+}/read', async (c) => {
    const { account } = await auth.user(c, 'write:accounts');
    await reports.markRead(account.id, yearOf(c));
    return c.json({});
  });

  return app;
}
