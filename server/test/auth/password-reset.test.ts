// Password reset by email, through the real SMTP sink: the link and its
// language, no account enumeration, single-use and expiring tokens, sessions
// ended on success, and nothing consumed or written when the new password is
// refused.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signUp } from '../../src/modules/auth/actions.ts';
import { hashSecret } from '../../src/modules/auth/tokens.ts';
import { setAccountDisabled } from '../../src/modules/operator/actions.ts';
import { Client } from '../support/client.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { linkIn } from '../support/smtp.ts';
import { PASSWORD, signedIn } from '../support/world.ts';

const NEW_PASSWORD = 'a completely new passphrase';
let h: Harness;
before(async () => { h = await startHarness(); });
after(() => h.close());

async function account(email: string, locale: 'fr' | 'en' = 'en'): Promise<void> {
  await signUp(h.s, { email, password: PASSWORD, displayName: 'Reset', locale }, { ip: null, userAgent: null });
}

const anonymous = () => new Client(h.app);
const request = (email: string) => anonymous().post('/api/v1/auth/password-reset', { email });
const confirm = (token: string, password = NEW_PASSWORD) => anonymous().post('/api/v1/auth/password-reset/confirm', { token, password });

/** Asks for a reset and returns the token from the link in the email. */
/** Earlier reset links of this address are made older than the one-email-a-minute limit. */
async function ageResets(email: string): Promise<void> {
  await h.owner.query(
    "UPDATE password_resets r SET created_at = r.created_at - interval '2 minutes' FROM users u WHERE u.id = r.user_id AND u.email = $1", [email]);
}

async function resetToken(email: string, nth = 1): Promise<string> {
  await ageResets(email);
  const answer = await request(email);
  assert.equal(answer.status, 202);
  assert.equal(answer.body, null);
  const mails = () => h.mail.received.filter((m) => m.to.includes(email));
  await h.mail.waitFor(email, () => mails().length >= nth);
  const link = linkIn(mails()[nth - 1]!);
  assert.equal(link.origin, 'http://localhost:3000');
  assert.equal(link.pathname, '/reset-password');
  return link.searchParams.get('token')!;
}

async function resetRow(token: string) {
  const { rows } = await h.owner.query<{ used: boolean; hash_matches: boolean }>(
    'SELECT used_at IS NOT NULL AS used, token_hash = $1 AS hash_matches FROM password_resets WHERE token_hash = $1', [hashSecret(token)]);
  return rows[0];
}

const passwordHash = (email: string) =>
  h.owner.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE email = $1', [email]).then((r) => r.rows[0]!.password_hash);

const canSignIn = async (email: string, password: string) =>
  (await anonymous().post('/api/v1/auth/signin', { email, password })).status === 200;

describe('asking for a reset', () => {
  test('sends an English email with a single link; only the token hash is stored', async () => {
    await account('eve@example.test');
    const token = await resetToken('eve@example.test');
    assert.ok(token.length >= 40, 'a 256-bit token');
    const mail = h.mail.received.find((m) => m.to.includes('eve@example.test'))!;
    assert.equal(mail.subject, 'Reset your Ruche password');
    assert.match(mail.text, /within 30 minutes/);
    assert.deepEqual(await resetRow(token), { used: false, hash_matches: true });
    const { rows } = await h.owner.query('SELECT * FROM password_resets WHERE position($1 in encode(token_hash, \'escape\')) > 0', [token]);
    assert.equal(rows.length, 0, 'the token itself is not stored');
  });

  test('the email is in French for a French-speaking account', async () => {
    await account('francoise@example.test', 'fr');
    await resetToken('francoise@example.test');
    const mail = h.mail.received.find((m) => m.to.includes('francoise@example.test'))!;
    assert.equal(mail.subject, 'Réinitialisation de votre mot de passe Ruche');
    assert.match(mail.text, /^Bonjour,/);
    assert.match(mail.text, /dans les 30 minutes/);
  });

  test('an unknown, malformed or disabled address gets the same 202 and no email', async () => {
    await account('disabled@example.test');
    await setAccountDisabled(h.s, 'disabled@example.test', true);
    await ageResets('eve@example.test');
    const known = await request('eve@example.test');
    for (const email of ['nobody@example.test', 'not-an-email', 'disabled@example.test']) {
      const answer = await request(email);
      assert.equal(answer.status, known.status, email);
      assert.deepEqual(answer.body, known.body, email);
    }
    // The known address's second email proves the mailer ran after the others were asked.
    await resetToken('eve@example.test', 3);
    assert.deepEqual(h.mail.received.filter((m) => ['nobody@example.test', 'disabled@example.test'].some((a) => m.to.includes(a))), []);
    const { rows } = await h.owner.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM password_resets r JOIN users u ON u.id = r.user_id WHERE u.email = 'disabled@example.test'");
    assert.equal(rows[0]!.n, 0);
  });
});

test('asking again within a minute sends no second email', async () => {
  await account('ivy@example.test');
  await resetToken('ivy@example.test', 1);
  assert.equal((await request('ivy@example.test')).status, 202);
  await ageResets('ivy@example.test');
  await resetToken('ivy@example.test', 2);
  const { rows } = await h.owner.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM password_resets r JOIN users u ON u.id = r.user_id WHERE u.email = 'ivy@example.test'");
  assert.equal(rows[0]!.n, 2, 'the request in between created nothing');
});

describe('confirming a reset', () => {
  test('sets the password, ends every session, and the token is single-use', async () => {
    await account('frank@example.test');
    const browser = await signedIn(h, 'frank@example.test');
    const phone = await signedIn(h, 'frank@example.test');
    const token = await resetToken('frank@example.test');

    assert.equal((await confirm(token)).status, 204);
    assert.equal((await browser.get('/api/v1/me')).status, 401);
    assert.equal((await phone.get('/api/v1/me')).status, 401);
    const { rows } = await h.owner.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = 'frank@example.test'");
    assert.equal(rows[0]!.n, 0);
    assert.equal(await canSignIn('frank@example.test', PASSWORD), false);
    assert.equal(await canSignIn('frank@example.test', NEW_PASSWORD), true);

    const again = await confirm(token, 'yet another new passphrase');
    assert.equal(again.status, 400);
    assert.equal(again.body.code, 'reset_token_invalid');
    assert.equal(await canSignIn('frank@example.test', NEW_PASSWORD), true);
  });

  test('using one link voids the other links sent earlier', async () => {
    await account('gina@example.test');
    const first = await resetToken('gina@example.test', 1);
    const second = await resetToken('gina@example.test', 2);
    assert.equal((await confirm(second)).status, 204);
    assert.equal((await confirm(first, 'yet another new passphrase')).body.code, 'reset_token_invalid');
    assert.deepEqual(await resetRow(first), { used: true, hash_matches: true });
  });

  test('an expired token is refused and changes nothing', async () => {
    await account('hugo@example.test');
    const token = await resetToken('hugo@example.test');
    await h.owner.query("UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE token_hash = $1", [hashSecret(token)]);
    const before = await passwordHash('hugo@example.test');
    const answer = await confirm(token);
    assert.equal(answer.status, 400);
    assert.equal(answer.body.code, 'reset_token_invalid');
    assert.equal(await passwordHash('hugo@example.test'), before);
    assert.equal(await canSignIn('hugo@example.test', PASSWORD), true);
  });

  test('an unknown token is refused', async () => {
    const answer = await confirm('x'.repeat(43));
    assert.equal(answer.status, 400);
    assert.equal(answer.body.code, 'reset_token_invalid');
  });

  const weak: Array<[string, (email: string) => string, string]> = [
    ['too short', () => 'short', 'password_too_short'],
    ['too common', () => 'password123', 'password_too_common'],
    ["the account's own email", (email) => email.toUpperCase(), 'password_too_common'],
  ];
  for (const [label, password, code] of weak) {
    test(`a new password ${label} is refused and nothing is half-written: the token still works`, async () => {
      const email = `weak-${code}-${label.length}@example.test`;
      await account(email);
      const session = await signedIn(h, email);
      const token = await resetToken(email);
      const before = await passwordHash(email);

      const refused = await confirm(token, password(email));
      assert.equal(refused.status, 400);
      assert.equal(refused.body.code, code);
      assert.deepEqual(await resetRow(token), { used: false, hash_matches: true }, 'the token is not consumed');
      assert.equal(await passwordHash(email), before);
      assert.equal((await session.get('/api/v1/me')).status, 200, 'sessions are not ended');

      assert.equal((await confirm(token)).status, 204, 'the same link then works with a good password');
      assert.equal(await canSignIn(email, NEW_PASSWORD), true);
    });
  }
});
