// What the live events' browser tests share: a page signed in as someone (or no one), and an
// event's view listening live on the channel its viewer hears (the console on the staff's).
import type { Browser, Page } from 'playwright-core';
import { channel } from '../helpers/streaming.ts';
import type { TestServer } from '../helpers/server.ts';
import { subscribedToEvent } from './live.ts';

const WAIT = { timeout: 30_000 };
export const WIDE = { width: 1400, height: 1000 };

/** A new page in a context of its own, signed in with `token` (none: signed out). */
export async function pageAs(browser: Browser, origin: string, token: string | null, viewport = WIDE): Promise<Page> {
  const context = await browser.newContext({
    viewport,
    locale: 'en-GB',
    storageState: { cookies: [], origins: token ? [{ origin, localStorage: [{ name: 'parley.token', value: token }] }] : [] },
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  return page;
}

/** The event's audience view (or, for the staff, its console), once its title shows and its stream listens. */
export async function liveEventPage(browser: Browser, server: TestServer, view: { eventId: string; title: string; token: string | null; staff: boolean }): Promise<Page> {
  const page = await pageAs(browser, server.url, view.token, view.staff ? WIDE : { width: 1280, height: 1000 });
  const ready = subscribedToEvent(page, server.app.bus, view.staff ? channel.eventStaff(view.eventId) : channel.event(view.eventId));
  await page.goto(`${server.url}/web/events/${view.eventId}${view.staff ? '/console' : ''}`);
  await page.getByRole('heading', { name: view.staff ? `Console: ${view.title}` : view.title, level: 1 }).waitFor(WAIT);
  await ready;
  // Set once: a reload would take it away.
  await page.evaluate('window.notReloaded = true');
  return page;
}
