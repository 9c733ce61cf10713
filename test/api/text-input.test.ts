// One rule for text people send: it must be well-formed Unicode. A lone UTF-16 surrogate (JSON's
// "\uD800") or percent-escapes that are not UTF-8 (%ED%A0%80, the surrogate as CESU-8 spells it)
// are refused with a 422 naming the field, wherever the parameter arrives.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, signUp, type Reply } from '../helpers/http.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

/** JSON with a lone surrogate escaped, as a client's serialiser writes it. */
const LONE_JSON = 'a \\uD800 b';
/** The same in form encoding (there is no valid spelling: this is what a lax encoder sends). */
const LONE_FORM = 'a%20%ED%A0%80%20b';

describe('text that is not well-formed Unicode', () => {
  let server: TestServer;
  let user: Awaited<ReturnType<typeof signUp>>;
  before(async () => {
    server = await startServer();
    user = await signUp(server.url, 'writer');
  });
  after(async () => {
    assert.deepEqual(server.problems, []);
    await server.stop();
  });

  const send = (method: string, path: string, body: string | Buffer, type: string) => call(server.url, path, { method, token: user.token, body, headers: { 'content-type': type } });
  const refused = (r: Reply, field: string, what: string) => {
    assert.equal(r.status, 422, `${what}: ${JSON.stringify(r.body)}`);
    assert.ok(r.body.error.includes(`${field}: is not valid Unicode text`), `${what}: ${r.body.error}`);
    assert.ok(r.body.details[field], `${what} names ${field}`);
  };

  /** Each field with a lone surrogate, as JSON and as a form, next to what else the endpoint needs. */
  const cases: { method: string; path: string; field: string; json: string; form: string }[] = [
    { method: 'POST', path: '/api/v1/statuses', field: 'status', json: `{"status":"${LONE_JSON}"}`, form: `status=${LONE_FORM}` },
    { method: 'POST', path: '/api/v1/statuses', field: 'spoiler_text', json: `{"status":"fine","spoiler_text":"${LONE_JSON}"}`, form: `status=fine&spoiler_text=${LONE_FORM}` },
    { method: 'PATCH', path: '/api/v1/accounts/update_credentials', field: 'display_name', json: `{"display_name":"${LONE_JSON}"}`, form: `display_name=${LONE_FORM}` },
    { method: 'PATCH', path: '/api/v1/accounts/update_credentials', field: 'note', json: `{"note":"${LONE_JSON}"}`, form: `note=${LONE_FORM}` },
    { method: 'POST', path: '/api/v2/filters', field: 'title', json: `{"title":"${LONE_JSON}","context":["home"]}`, form: `title=${LONE_FORM}&context[]=home` },
    {
      method: 'POST',
      path: '/api/v2/filters',
      field: 'keywords_attributes.0.keyword',
      json: `{"title":"fine","context":["home"],"keywords_attributes":[{"keyword":"${LONE_JSON}"}]}`,
      form: `title=fine&context[]=home&keywords_attributes[0][keyword]=${LONE_FORM}`,
    },
    { method: 'POST', path: '/api/v1/lists', field: 'title', json: `{"title":"${LONE_JSON}"}`, form: `title=${LONE_FORM}` },
    {
      method: 'POST',
      path: '/api/v1/apps',
      field: 'client_name',
      json: `{"client_name":"${LONE_JSON}","redirect_uris":"urn:ietf:wg:oauth:2.0:oob"}`,
      form: `client_name=${LONE_FORM}&redirect_uris=urn:ietf:wg:oauth:2.0:oob`,
    },
  ];

  it('is refused with a 422 naming the field, in JSON and in form bodies, on every kind of endpoint', async () => {
    for (const { method, path, field, json, form } of cases) {
      refused(await send(method, path, json, 'application/json'), field, `${path} ${field} as JSON`);
      refused(await send(method, path, form, 'application/x-www-form-urlencoded'), field, `${path} ${field} as a form`);
    }
  });

  it('is refused in a query string (search) and in a key', async () => {
    refused(await call(server.url, `/api/v2/search?q=${LONE_FORM}`, { token: user.token }), 'q', 'search q');
    refused(await call(server.url, `/api/v1/accounts/search?q=${LONE_FORM}`, { token: user.token }), 'q', 'account search q');
    refused(await send('POST', '/api/v1/statuses', `{"status":"fine","x\\uDC00":"1"}`, 'application/json'), 'x\uFFFD', 'a key');
  });

  it('still takes emoji (surrogate pairs, escaped or not) and a stray % sign; a body that is not UTF-8 is a 400', async () => {
    const posted = await send('POST', '/api/v1/statuses', '{"status":"party 🎉 \\ud83c\\udf89"}', 'application/json');
    assert.equal(posted.status, 200);
    assert.equal(posted.body.content, '<p>party 🎉 🎉</p>');
    const percent = await send('POST', '/api/v1/statuses', 'status=100%', 'application/x-www-form-urlencoded');
    assert.equal(percent.status, 200);
    assert.equal(percent.body.content, '<p>100%</p>');
    const latin1 = await send('POST', '/api/v1/statuses', Buffer.from('{"status":"caf\xe9"}', 'latin1'), 'application/json');
    assert.equal(latin1.status, 400);
    assert.match(latin1.body.error, /not valid UTF-8/);
  });
});
