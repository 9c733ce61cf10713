// An event's questions in the OpenAPI description: listing, asking, withdrawing, votes, moderation
// and answers (the routes of event-questions.ts).
import { empty, limit, list, maxId, ok, operation, query } from './openapi-operations.ts';
import { QUESTION_STATES } from './openapi-schemas.ts';
import { arrayOf, bool, int, type PathItem, ref, str } from './openapi-types.ts';

const QUESTIONS = 'Questions';
const Q: ('EventId' | 'QuestionId')[] = ['EventId', 'QuestionId'];
const theQuestion = ok('The question as the viewer now sees it', ref('Question'));

/** A staff action on one question, answering it. */
const moderation = (operationId: string, summary: string) => operation(operationId, QUESTIONS, { summary, path: Q, ok: theQuestion, scope: 'write:statuses', errors: [401, 403, 404, 422] });

export const questionPaths: Record<string, PathItem> = {
  '/events/{id}/questions': {
    get: operation('listQuestions', QUESTIONS, {
      summary: "An event's questions",
      description: 'The audience sees approved and answered questions whatever it asks for; the staff see any state.',
      path: ['EventId'],
      query: [
        query('state', { oneOf: [{ type: 'string', enum: QUESTION_STATES }, arrayOf({ type: 'string', enum: QUESTION_STATES })] }, 'only these (state[]= for several)'),
        query('language', str, 'only those in this language'),
        query('order', { type: 'string', enum: ['top', 'new', 'queue', 'answered'], default: 'top' }, 'most voted, newest, the approved queue, or in the order answered'),
        limit(40, 200),
        query('offset', { ...int, maximum: 100_000 }, 'skip this many (with order=top)'),
        maxId,
      ],
      ok: list('Questions', 'Question'),
      optionalAuth: true,
      errors: [404, 422],
    }),
    post: operation('askQuestion', QUESTIONS, {
      summary: 'Ask a question',
      description: 'Posts it as a reply to the announcement. In a briefing only participants may ask; `follow_up_of` attaches it to an answered question.',
      path: ['EventId'],
      body: { properties: { text: { ...str, minLength: 1 }, language: str, follow_up_of: { ...str, description: 'a question id (briefing)' } }, required: ['text'] },
      ok: theQuestion,
      scope: 'write:statuses',
      errors: [401, 403, 404, 422, 429],
    }),
  },
  '/events/{id}/questions/{qid}': {
    get: operation('getQuestion', QUESTIONS, { summary: 'A question, if the viewer may see it', path: Q, ok: theQuestion, optionalAuth: true, errors: [404] }),
    delete: operation('withdrawQuestion', QUESTIONS, { summary: 'Withdraw one’s own question', path: Q, ok: empty, scope: 'write:statuses', errors: [401, 403, 404] }),
  },
  '/events/{id}/questions/{qid}/vote': {
    post: operation('voteQuestion', QUESTIONS, { summary: 'Vote for a question (once per account)', path: Q, ok: theQuestion, scope: 'write:statuses', errors: [401, 404, 422] }),
    delete: operation('unvoteQuestion', QUESTIONS, { summary: 'Take one’s vote back', path: Q, ok: theQuestion, scope: 'write:statuses', errors: [401, 404, 422] }),
  },
  '/events/{id}/questions/{qid}/approve': { post: moderation('approveQuestion', 'Approve it: the audience sees it (staff)') },
  '/events/{id}/questions/{qid}/hide': { post: moderation('hideQuestion', 'Hide it from the audience (staff)') },
  '/events/{id}/questions/{qid}/answered': { post: moderation('markAnswered', 'Mark it answered, without an answer post (staff)') },
  '/events/{id}/questions/{qid}/merge': {
    post: operation('mergeQuestion', QUESTIONS, {
      summary: 'Merge it into another question: its votes move there (staff)',
      path: Q,
      body: { properties: { into_id: { ...str, description: 'the question kept' } }, required: ['into_id'] },
      ok: ok('The question kept', ref('Question')),
      scope: 'write:statuses',
      errors: [401, 403, 404, 422],
    }),
  },
  '/events/{id}/questions/{qid}/answer': {
    post: operation('answerQuestion', QUESTIONS, {
      summary: 'Answer it (host, cohost)',
      description: 'The answer is a post replying to the question and mentioning its author. With `release: false` it is prepared and released later.',
      path: Q,
      body: {
        properties: {
          status: str,
          media_ids: arrayOf(str),
          language: str,
          translations: {
            type: 'object',
            description: 'the answer in other languages: `{"fr": {"status": "..."}}`',
            additionalProperties: { type: 'object', properties: { status: str, spoiler_text: str }, required: ['status'] },
          },
          release: { ...bool, default: true },
        },
      },
      ok: theQuestion,
      scope: 'write:statuses',
      errors: [401, 403, 404, 422],
    }),
  },
  '/events/{id}/questions/{qid}/answer/release': {
    post: moderation('releaseAnswer', 'Release a prepared answer (host, cohost)'),
  },
};
