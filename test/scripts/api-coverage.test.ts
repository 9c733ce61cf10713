// The API coverage probe (scripts/api-coverage.ts) on a slice of the description: operations Parley
// answers on records the probe's world made (over HTTP, or through the core for an announcement),
// one it refuses (the route exists), and one no route takes, which belongs to another issue, each
// classified as it should be.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { measureCoverage, routeMissing, type OperationResult } from '../../scripts/coverage/measure.ts';
import { markdownReport, summarise, textReport } from '../../scripts/coverage/report.ts';
import { loadConformance } from '../helpers/conformance.ts';

const SLICE = [
  'GET /api/v1/timelines/home',
  'GET /api/v1/statuses/{id}',
  'POST /api/v1/follow_requests/{account_id}/authorize',
  'GET /api/v1_alpha/async_refreshes/{id}',
  'PUT /api/v1/announcements/{id}/reactions/{name}',
  'POST /api/v1/emails/confirmations',
  'GET /api/v1/push/subscription',
];

describe('API coverage probe', () => {
  it('tells a route that does not exist from a record that does not', () => {
    assert.equal(routeMissing(404, { error: 'Not Found' }), true);
    assert.equal(routeMissing(501, { error: 'Not implemented' }), true);
    assert.equal(routeMissing(404, { error: 'Record not found' }), false);
    assert.equal(routeMissing(422, { error: 'Validation failed' }), false);
  });

  it('classifies a slice of operations', async (t) => {
    if (!loadConformance().available) return t.skip('../shared/conformance/mastodon-openapi.json is absent');
    const progress: number[] = [];
    const results = await measureCoverage({
      select: (all) => all.filter((op) => SLICE.includes(`${op.method} ${op.template}`)),
      onProgress: (done, total) => progress.push(done, total),
    });
    assert.deepEqual(results.map((r) => `${r.method} ${r.template}`).sort(), [...SLICE].sort());
    assert.deepEqual(progress.slice(-2), [SLICE.length, SLICE.length]);
    const of = (key: string) => results.find((r) => `${r.method} ${r.template}` === key)!;

    const home = of('GET /api/v1/timelines/home');
    assert.deepEqual([home.answered, home.status, home.schema, home.area, home.otherIssue], [true, 200, 'passed', 'timelines', false]);
    assert.equal(of('GET /api/v1/statuses/{id}').schema, 'passed', 'a real status was made and read');
    const authorized = of('POST /api/v1/follow_requests/{account_id}/authorize');
    assert.deepEqual([authorized.status, authorized.schema], [200, 'passed'], 'a stranger asked to follow the locked prober');
    const refresh = of('GET /api/v1_alpha/async_refreshes/{id}');
    assert.deepEqual([refresh.status, refresh.schema], [200, 'passed'], "the annual report's refresh was read");
    assert.equal(of('PUT /api/v1/announcements/{id}/reactions/{name}').status, 200, 'an announcement was published through the core');
    const refused = of('POST /api/v1/emails/confirmations');
    assert.deepEqual([refused.status, refused.answered, refused.schema], [403, true, 'none'], 'a refusal is still an answer');
    const push = of('GET /api/v1/push/subscription');
    assert.deepEqual([push.status, push.answered, push.schema, push.area, push.otherIssue], [404, false, 'none', 'push', true]);

    assertReports(results);
  });
});

/** The reports count what was measured, and name what is missing. */
function assertReports(results: OperationResult[]): void {
  const s = summarise(results);
  assert.equal(s.all.operations, results.length);
  assert.equal(s.total.operations + s.othersTotal.operations, results.length);
  assert.equal(s.all.answered + s.all.missing, results.length);
  assert.equal(s.total.answered, results.filter((r) => r.answered && !r.otherIssue).length);
  assert.deepEqual(
    s.others.map((r) => r.area),
    ['push'],
  );
  const text = textReport(results);
  assert.match(text, /GET +\/api\/v1\/push\/subscription +\(other issue\)/);
  assert.doesNotMatch(text, /GET +\/api\/v1\/timelines\/home/, 'only missing operations are listed');
  assert.match(markdownReport(results), /\| timelines \| 1 \| 1 \| 0 \| 1 \| 0 \|/);
}
