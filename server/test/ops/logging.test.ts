// What the server writes to its logs, captured from the real logger: after
// the flows that handle secrets (sign-up, sign-in, password reset, invitations,
// API tokens, and the email links opened in a browser), no secret appears in
// any line; every request line carries the request id that the response
// reports. Also the health probes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Client } from '../support/client.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { linkIn } from '../support/smtp.ts';
import { buildWorld, PASSWORD, type World } from '../support/world.ts';

const NEW_PASSWORD = 'a second long passphrase';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
let h: Harness;
let world: World;
const secrets = new Map<string, string>();
const requestIds: string[] = [];

function remember(label: string, value: string | null | undefined): void {
  assert.ok(value && value.length >= 8, `${label} was not captured`);
  secrets.set(label, value);
}

/** Sends a request and records the request id the response reports. */
async function call(client: Client, method: string, url: string, body?: unknown) {
  const answer = await client.request(method, url, body);
  const id = answer.headers['x-request-id'];
  assert.match(String(id), UUID, `${method} ${url} has no x-request-id`);
  requestIds.push(String(id));
  return answer;
}

before(async () => {
  h = await startHarness();
  world = await buildWorld(h);
  const person = new Client(h.app);
  const email = 'logged@example.test';
  assert.equal((await call(person, 'POST', '/api/v1/auth/signup', { email, password: PASSWORD, displayName: 'Logged' })).status, 201);
  remember('password', PASSWORD);
  remember('session cookie (sign-up)', person.cookie?.split('=')[1]);
  remember('CSRF token (sign-up)', person.csrf);

  const again = new Client(h.app);
  assert.equal((await call(again, 'POST', '/api/v1/auth/signin', { email, password: PASSWORD })).status, 200);
  remember('session cookie (sign-in)', again.cookie?.split('=')[1]);
  remember('CSRF token (sign-in)', again.csrf);
  assert.equal((await call(again, 'POST', '/api/v1/auth/signin', { email, password: 'a wrong password for the log' })).status, 401);
  remember('wrong password', 'a wrong password for the log');

  assert.equal((await call(new Client(h.app), 'POST', '/api/v1/auth/password-reset', { email })).status, 202);
  const reset = linkIn(await h.mail.waitFor(email));
  remember('reset token', reset.searchParams.get('token'));
  assert.equal((await call(new Client(h.app), 'GET', `${reset.pathname}${reset.search}`)).status, 404, 'the web page is not served here, but the link is requested');
  assert.equal((await call(new Client(h.app), 'POST', '/api/v1/auth/password-reset/confirm', { token: secrets.get('reset token'), password: NEW_PASSWORD })).status, 204);
  remember('new password', NEW_PASSWORD);

  const admin = world.alpha.people.administrator.client;
  assert.equal((await call(admin, 'POST', '/api/v1/i/alpha/invitations', { email: 'invited@example.test', role: 'member' })).status, 201);
  const join = linkIn(await h.mail.waitFor('invited@example.test'));
  remember('invitation token', join.searchParams.get('token'));
  assert.equal((await call(new Client(h.app), 'GET', `${join.pathname}${join.search}`)).status, 404);
  const previewUrl = `/api/v1/i/alpha/invitations/preview?token=${secrets.get('invitation token')}`;
  assert.equal((await call(new Client(h.app), 'GET', previewUrl)).status, 200);
  assert.equal((await call(new Client(h.app), 'GET', `${previewUrl}&token=${secrets.get('reset token')}`)).status, 400);

  const minted = await call(world.alpha.people.member.client, 'POST', '/api/v1/i/alpha/tokens', { name: 'logged', scopes: ['read'], expiresInDays: 1 });
  remember('API token', minted.body.secret);
  const bot = new Client(h.app);
  bot.bearer = minted.body.secret;
  assert.equal((await call(bot, 'GET', '/api/v1/i/alpha')).status, 200);
  assert.equal((await call(bot, 'PATCH', '/api/v1/i/alpha', { name: 'x' })).status, 403);
  const stored = await h.owner.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE email = $1', [email]);
  remember('password hash', stored.rows[0]!.password_hash);
});
after(() => h.close());

const lines = () => h.logs.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, any>);

describe('logs', () => {
  test('every line is structured JSON', () => {
    for (const line of h.logs.join('').split('\n').filter(Boolean)) assert.doesNotThrow(() => JSON.parse(line), line);
    assert.ok(lines().length > 20);
  });

  test('no secret appears in any line', () => {
    const text = h.logs.join('');
    for (const [label, value] of secrets) {
      assert.ok(!text.includes(value), `the ${label} appears in the logs`);
      // Also the part after the API token prefix, and URL-encoded forms.
      assert.ok(!text.includes(encodeURIComponent(value)), `the ${label} appears URL-encoded in the logs`);
    }
    assert.ok(!text.includes(secrets.get('API token')!.slice('ruche_pat_'.length)));
  });

  test('query strings are logged by parameter name only', () => {
    const urls = lines().filter((l) => l.req).map((l) => l.req.url as string);
    const withQuery = urls.filter((u) => u.includes('?'));
    assert.ok(withQuery.length >= 4, `expected the link and preview requests, got ${withQuery.join(', ')}`);
    for (const url of withQuery) assert.match(url, /^[^?]+\?(\w+=\[redacted\])(&\w+=\[redacted\])*$/, url);
  });

  test('every request line carries a request id, and each response reported its id', () => {
    const requestLines = lines().filter((l) => l.req || l.res);
    assert.ok(requestLines.length >= 2 * requestIds.length);
    for (const line of requestLines) assert.match(String(line.reqId), UUID, JSON.stringify(line));
    const logged = new Set(requestLines.map((l) => l.reqId));
    for (const id of requestIds) assert.ok(logged.has(id), `request ${id} is not in the logs`);
    assert.equal(new Set(requestIds).size, requestIds.length, 'request ids are unique');
  });

  test('a request id sent by the client is not trusted', async () => {
    const answer = await new Client(h.app).request('GET', '/api/v1/me', undefined, { 'x-request-id': 'forged-id' });
    assert.match(String(answer.headers['x-request-id']), UUID);
    assert.ok(!h.logs.join('').includes('forged-id'));
  });
});

describe('health probes', () => {
  test('/healthz answers 200 with a request id', async () => {
    const answer = await new Client(h.app).get('/healthz');
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, { status: 'ok' });
    assert.match(String(answer.headers['x-request-id']), UUID);
  });

  test('/readyz answers 200 when the database is reachable and migrated', async () => {
    const answer = await new Client(h.app).get('/readyz');
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, { status: 'ready', checks: { database: 'ok', migrations: 'ok' } });
  });
});
