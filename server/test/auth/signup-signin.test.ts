// Sign-up and sign-in through the real API: email normalisation, the password
// policy and its stable codes, strict body validation, body-size limits, and
// the session cookie's attributes on http and https deployments.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Client, type Answer } from '../support/client.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { PASSWORD } from '../support/world.ts';

let h: Harness;
before(async () => { h = await startHarness(); });
after(() => h.close());

const signUp = (body: unknown) => new Client(h.app).post('/api/v1/auth/signup', body);
const body = (email: string, password = PASSWORD) => ({ email, password, displayName: 'Someone' });

async function userRows(email: string): Promise<number> {
  const { rows } = await h.owner.query<{ n: number }>('SELECT count(*)::int AS n FROM users WHERE email = $1', [email]);
  return rows[0]!.n;
}

function sessionCookieHeader(answer: Answer): string {
  const raw = answer.headers['set-cookie'];
  const all = (Array.isArray(raw) ? raw : [raw]).filter((c): c is string => typeof c === 'string');
  const cookie = all.find((c) => c.startsWith('ruche_session='));
  assert.ok(cookie, `no ruche_session cookie in ${JSON.stringify(raw)}`);
  return cookie;
}

const attributes = (cookie: string) => cookie.split(';').slice(1).map((a) => a.trim().toLowerCase());

describe('sign-up', () => {
  test('normalises the email, signs the person in and stores an argon2id hash', async () => {
    const answer = await signUp({ email: ' Alice@Example.ORG ', password: PASSWORD, displayName: '  Alice  ', locale: 'fr' });
    assert.equal(answer.status, 201);
    assert.equal(answer.body.user.email, 'alice@example.org');
    assert.equal(answer.body.user.displayName, 'Alice');
    assert.equal(answer.body.user.locale, 'fr');
    assert.deepEqual(answer.body.instances, []);
    assert.equal('passwordHash' in answer.body.user, false);
    sessionCookieHeader(answer);
    const { rows } = await h.owner.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE email = $1', ['alice@example.org']);
    assert.equal(rows.length, 1);
    assert.ok(rows[0]!.password_hash.startsWith('$argon2id$v=19$m=19456,t=2,p=1$'), rows[0]!.password_hash);
    assert.ok(!rows[0]!.password_hash.includes(PASSWORD));
  });

  test('the same address in another case is taken: 409 email_taken, no second row', async () => {
    const answer = await signUp(body('ALICE@example.org'));
    assert.equal(answer.status, 409);
    assert.equal(answer.body.code, 'email_taken');
    assert.match(String(answer.headers['content-type']), /^application\/problem\+json/);
    assert.equal(await userRows('alice@example.org'), 1);
  });

  const weak: Array<[string, string, string]> = [
    ['too short', 'seven77', 'password_too_short'],
    ['common', 'password123', 'password_too_common'],
    ['common in another case', 'PassWord123', 'password_too_common'],
    ['equal to the email', 'Weak.Bob@Example.test', 'password_too_common'],
    ['129 characters', 'x'.repeat(129), 'password_too_long'],
  ];
  for (const [label, password, code] of weak) {
    test(`a password ${label} is refused with ${code} and nothing is written`, async () => {
      const answer = await signUp(body('weak.bob@example.test', password));
      assert.equal(answer.status, 400);
      assert.equal(answer.body.code, code);
      assert.equal(await userRows('weak.bob@example.test'), 0);
    });
  }

  test('a 128-character password is accepted (the bound is inclusive)', async () => {
    const answer = await signUp(body('long.pass@example.test', 'y'.repeat(127) + 'z'));
    assert.equal(answer.status, 201);
  });

  test('an unknown body field is refused: 400 validation_failed naming it', async () => {
    const answer = await signUp({ ...body('extra@example.test'), isOperator: true });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.code, 'validation_failed');
    assert.match(answer.body.detail, /isOperator/);
    assert.equal(await userRows('extra@example.test'), 0);
  });

  test('a wrong type is refused, not coerced: 400 validation_failed', async () => {
    const answer = await signUp({ email: 'typed@example.test', password: 12345678901, displayName: 'Typed' });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.code, 'validation_failed');
    assert.equal(answer.body.errors[0].path, 'body/password');
    assert.equal(await userRows('typed@example.test'), 0);
  });

  test('an address that is not an email is refused', async () => {
    const answer = await signUp(body('not-an-email'));
    assert.equal(answer.status, 400);
    assert.equal(answer.body.code, 'validation_failed');
  });

  test('malformed JSON: 400 malformed_json', async () => {
    const answer = await signUp('{"email": "broken@example.test", ');
    assert.equal(answer.status, 400);
    assert.equal(answer.body.code, 'malformed_json');
  });

  test('a body over BODY_LIMIT_BYTES: 413 body_too_large and no user row', async () => {
    const huge = JSON.stringify({ ...body('huge@example.test'), displayName: 'h'.repeat(h.s.config.bodyLimitBytes) });
    const answer = await signUp(huge);
    assert.equal(answer.status, 413);
    assert.equal(answer.body.code, 'body_too_large');
    assert.equal(await userRows('huge@example.test'), 0);
  });
});

describe('sign-in', () => {
  before(async () => {
    assert.equal((await signUp(body('carol@example.test'))).status, 201);
  });

  test('opens a session with an httpOnly, SameSite=Lax cookie, not Secure on http', async () => {
    const client = new Client(h.app);
    const answer = await client.post('/api/v1/auth/signin', { email: '  CAROL@example.test', password: PASSWORD });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.user.email, 'carol@example.test');
    assert.equal(typeof answer.body.csrfToken, 'string');
    const cookie = attributes(sessionCookieHeader(answer));
    assert.ok(cookie.includes('httponly'), cookie.join('; '));
    assert.ok(cookie.includes('samesite=lax'), cookie.join('; '));
    assert.ok(cookie.includes('path=/'), cookie.join('; '));
    assert.ok(!cookie.includes('secure'), cookie.join('; '));
    assert.equal((await client.get('/api/v1/me')).status, 200);
  });

  test('a wrong password and an unknown email get the same 401 invalid_credentials', async () => {
    const wrong = await new Client(h.app).post('/api/v1/auth/signin', { email: 'carol@example.test', password: 'not the password at all' });
    const unknown = await new Client(h.app).post('/api/v1/auth/signin', { email: 'nobody@example.test', password: 'not the password at all' });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.code, 'invalid_credentials');
    assert.deepEqual(unknown.body, wrong.body);
    assert.equal(unknown.status, 401);
    assert.equal(wrong.headers['set-cookie'], undefined);
  });

  test('no session row is written by a failed sign-in', async () => {
    const { rows } = await h.owner.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = 'carol@example.test'");
    const before = rows[0]!.n;
    await new Client(h.app).post('/api/v1/auth/signin', { email: 'carol@example.test', password: 'still not the password' });
    const after = await h.owner.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = 'carol@example.test'");
    assert.equal(after.rows[0]!.n, before);
  });
});

describe('sign-in behind an https PUBLIC_URL', () => {
  let secure: Harness;
  before(async () => { secure = await startHarness({ PUBLIC_URL: 'https://ruche.example.test' }); });
  after(() => secure.close());

  test('the session cookie is Secure as well', async () => {
    const client = new Client(secure.app);
    assert.equal((await client.post('/api/v1/auth/signup', body('dave@example.test'))).status, 201);
    const answer = await new Client(secure.app).post('/api/v1/auth/signin', { email: 'dave@example.test', password: PASSWORD });
    assert.equal(answer.status, 200);
    const cookie = attributes(sessionCookieHeader(answer));
    assert.ok(cookie.includes('secure'), cookie.join('; '));
    assert.ok(cookie.includes('httponly'), cookie.join('; '));
    assert.ok(cookie.includes('samesite=lax'), cookie.join('; '));
  });
});
