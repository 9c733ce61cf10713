// An event's questions: listing them (filtered by state and language, in the queue's order or the
// newest first), asking and withdrawing, votes, moderation and answers.
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { Core } from '../../core/index.ts';
import type { QuestionView } from '../../core/events/service.ts';
import type { Auth } from '../auth.ts';
import type { ApiDeps, AppEnv } from '../deps.ts';
import { zId } from '../pagination.ts';
import { urlContext, type UrlContext } from '../mastodon/entities/account.ts';
import { input, zBool, zInt, zList, zString } from '../params.ts';
import { translationsParam, versionInputs } from '../mastodon/translations-param.ts';
import { readerContext } from '../reader-languages.ts';
import { renderQuestions } from './entities/event.ts';
import { EVENT } from './events.ts';

const QUESTION = `${EVENT}/questions/:question{[0-9]+}`;
const STATES = ['pending', 'approved', 'answered', 'hidden', 'withdrawn', 'merged'] as const;

const listParams = z.object({
  state: zList(z.enum(STATES)).optional(),
  language: zString.optional(),
  order: z.enum(['top', 'new', 'queue', 'answered']).optional(),
  limit: zInt.optional(),
  offset: zInt.pipe(z.number().min(0).max(100_000)).optional(),
  max_id: zId.optional(),
});
const askParams = z.object({ text: zString, language: zString.optional(), follow_up_of: zString.optional() });
const answerParams = z.object({
  status: zString.optional().default(''),
  media_ids: zList(zString).optional(),
  language: zString.optional(),
  translations: translationsParam,
  release: zBool.optional(),
});
const mergeParams = z.object({ into_id: zString });

async function oneQuestion(core: Core, view: QuestionView, urls: UrlContext) {
  return (await renderQuestions(core, [view], urls, true))[0];
}

export function eventQuestionRoutes(deps: ApiDeps, auth: Auth) {
  const { core, config } = deps;
  const { events } = core;
  const urls = urlContext(config);
  const app = new Hono<AppEnv>();
  /** The question as the actor now sees it. */
  const shown = async (c: Context<AppEnv>, viewerId: string, eventId: string, questionId: string) => oneQuestion(core, await events.question(viewerId, eventId, questionId), readerContext(c, urls));

  app.get(`${EVENT}/questions`, async (c) => {
    const viewer = await auth.viewer(c);
    const p = await input(c, listParams);
    const order = p.order === 'queue' ? 'top' : p.order;
    const states = p.order === 'queue' && !p.state ? (['approved'] as const) : p.state;
    const result = await events.questions(viewer?.account.id ?? null, c.req.param('id'), {
      states,
      language: p.language,
      order,
      limit: Math.min(Math.max(p.limit ?? 40, 1), 200),
      offset: p.offset,
      maxId: p.max_id,
    });
    return c.json(await renderQuestions(core, result.items, readerContext(c, urls), viewer !== null));
  });

  app.get(QUESTION, async (c) => {
    const viewer = await auth.viewer(c);
    const view = await events.question(viewer?.account.id ?? null, c.req.param('id'), c.req.param('question'));
    return c.json((await renderQuestions(core, [view], readerContext(c, urls), viewer !== null))[0]);
  });

  app.post(`${EVENT}/questions`, async (c) => {
    const actor = await auth.user(c, 'write:statuses');
    const p = await input(c, askParams);
    const row = await events.ask(actor, c.req.param('id'), { text: p.text, language: p.language, followUpOf: p.follow_up_of });
    // New: no answer, no votes (read nothing again).
    return c.json(await oneQuestion(core, { question: row, answer: null, voted: false }, readerContext(c, urls)));
  });

  app.delete(QUESTION, async (c) => {
    const actor = await auth.user(c, 'write:statuses');
    await events.withdraw(actor, c.req.param('id'), c.req.param('question'));
    return c.json({});
  });

  app.post(`${QUESTION}/vote`, async (c) => {
    const actor = await auth.user(c, 'write:statuses');
    const row = await events.vote(actor, c.req.param('id'), c.req.param('question'));
    return c.json(await shown(c, actor.account.id, row.eventId, row.id));
  });
  app.delete(`${QUESTION}/vote`, async (c) => {
    const actor = await auth.user(c, 'write:statuses');
    const row = await events.unvote(actor, c.req.param('id'), c.req.param('question'));
    return c.json(await shown(c, actor.account.id, row.eventId, row.id));
  });

  for (const action of ['approve', 'hide', 'answered'] as const) {
    app.post(`${QUESTION}/${action}`, async (c) => {
      const actor = await auth.user(c, 'write:statuses');
      const row = await events.moderate(actor, c.req.param('id'), c.req.param('question'), action);
      return c.json(await shown(c, actor.account.id, row.eventId, row.id));
    });
  }

  app.post(`${QUESTION}/merge`, async (c) => {
    const actor = await auth.user(c, 'write:statuses');
    const p = await input(c, mergeParams);
    const kept = await events.merge(actor, c.req.param('id'), c.req.param('question'), p.into_id);
    return c.json(await shown(c, actor.account.id, kept.eventId, kept.id));
  });

  app.post(`${QUESTION}/answer`, async (c) => {
    const actor = await auth.user(c, 'write:statuses');
    const p = await input(c, answerParams);
    const row = await events.answer(actor, c.req.param('id'), c.req.param('question'), {
      text: p.status,
      language: p.language,
      mediaIds: p.media_ids,
      versions: versionInputs(p.translations),
      release: p.release,
    });
    return c.json(await shown(c, actor.account.id, row.eventId, row.id));
  });
  app.post(`${QUESTION}/answer/release`, async (c) => {
    const actor = await auth.user(c, 'write:statuses');
    const row = await events.release(actor, c.req.param('id'), c.req.param('question'));
    return c.json(await shown(c, actor.account.id, row.eventId, row.id));
  });
  return app;
}
