// Sign-in throttling against the real database: per (account, IP) pair after
// 5 failures, per account after 10 from any IP, locks that expire and
// double, and a password reset that lifts the account's locks at once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signUp } from '../../src/modules/auth/actions.ts';
import { lockDurationMs } from '../../src/modules/auth/throttle.ts';
import { Client, type Answer } from '../support/client.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { linkIn } from '../support/smtp.ts';
import { PASSWORD } from '../support/world.ts';

const WRONG = 'definitely not the password';
let h: Harness;
before(async () => { h = await startHarness(); });
after(() => h.close());

/** Signs up through the real action; that opens one session, which the counts below start from. */
async function account(email: string): Promise<void> {
  await signUp(h.s, { email, password: PASSWORD, displayName: email.split('@')[0]!, locale: 'en' }, { ip: null, userAgent: null });
}

function from(ip: string): Client {
  const client = new Client(h.app);
  client.remoteAddress = ip;
  return client;
}

const signIn = (ip: string, email: string, password: string) => from(ip).post('/api/v1/auth/signin', { email, password });

async function failTimes(ip: string, email: string, times: number): Promise<void> {
  for (let i = 1; i <= times; i++) {
    const answer = await signIn(ip, email, WRONG);
    assert.equal(answer.status, 401, `failure ${i} from ${ip} answered ${answer.status} ${JSON.stringify(answer.body)}`);
    assert.equal(answer.body.code, 'invalid_credentials');
  }
}

function assertLocked(answer: Answer, range: [number, number] = [1, 900]): number {
  assert.equal(answer.status, 429, JSON.stringify(answer.body));
  assert.equal(answer.body.code, 'rate_limited');
  assert.equal(answer.headers['set-cookie'], undefined, 'a locked attempt must not open a session');
  const raw = String(answer.headers['retry-after']);
  assert.match(raw, /^\d+$/, `Retry-After "${raw}" is not an integer number of seconds`);
  const seconds = Number(raw);
  assert.ok(seconds >= range[0] && seconds <= range[1], `Retry-After ${seconds} is outside [${range.join(', ')}]`);
  return seconds;
}

async function throttleKeys(email: string): Promise<string[]> {
  const { rows } = await h.owner.query<{ key: string }>(
    "SELECT key FROM signin_throttles WHERE key = 'account:' || $1 OR starts_with(key, 'pair:' || $1 || '|') ORDER BY key", [email]);
  return rows.map((r) => r.key);
}

async function expireLocks(email: string): Promise<void> {
  await h.owner.query(
    "UPDATE signin_throttles SET locked_until = now() - interval '1 second' WHERE key = 'account:' || $1 OR starts_with(key, 'pair:' || $1 || '|')",
    [email]);
}

async function sessionCount(email: string): Promise<number> {
  const { rows } = await h.owner.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = $1', [email]);
  return rows[0]!.n;
}

describe('lockDurationMs', () => {
  test('is free below the threshold, starts at 30 s and doubles', () => {
    assert.equal(lockDurationMs(0, 5), 0);
    assert.equal(lockDurationMs(4, 5), 0);
    assert.equal(lockDurationMs(5, 5), 30_000);
    assert.equal(lockDurationMs(6, 5), 60_000);
    assert.equal(lockDurationMs(8, 5), 240_000);
  });

  test('is capped at 15 minutes, even for absurd failure counts', () => {
    assert.equal(lockDurationMs(10, 5), 15 * 60_000);
    assert.equal(lockDurationMs(5_000, 10), 15 * 60_000, '2 ** huge is Infinity: the cap must still hold');
    let previous = 0;
    for (let failures = 0; failures <= 2_000; failures++) {
      const ms = lockDurationMs(failures, 10);
      assert.ok(Number.isFinite(ms) && ms <= 15 * 60_000, `${failures} failures → ${ms} ms`);
      assert.ok(ms >= previous, 'lock durations never shrink as failures grow');
      previous = ms;
    }
  });
});

describe('sign-in throttling', () => {
  test('after 5 failures from one IP, the 6th attempt is refused even with the right password', async () => {
    const email = 'pair@example.test';
    await account(email);
    await failTimes('10.0.1.1', email, 5);
    const seconds = assertLocked(await signIn('10.0.1.1', email, PASSWORD), [25, 30]);
    assert.ok(seconds >= 25);
    assert.equal(await sessionCount(email), 1, 'no session beyond the sign-up one');
    // Locked attempts are not counted as failures: the lock does not grow while it holds.
    const { rows } = await h.owner.query<{ failures: number }>('SELECT failures FROM signin_throttles WHERE key = $1', [`pair:${email}|10.0.1.1`]);
    assert.equal(rows[0]!.failures, 5);
  });

  test('another IP stays free for that account until the account threshold (10), then every IP is locked', async () => {
    const email = 'account@example.test';
    await account(email);
    await failTimes('10.0.2.1', email, 5);
    assertLocked(await signIn('10.0.2.1', email, PASSWORD));
    await failTimes('10.0.2.2', email, 4); // 9 failures for the account: still answered, not locked
    await failTimes('10.0.2.3', email, 1); // the 10th locks the account
    assertLocked(await signIn('10.0.2.3', email, PASSWORD), [25, 30]);
    assertLocked(await signIn('10.0.2.4', email, PASSWORD), [25, 30]);
    const { rows } = await h.owner.query<{ failures: number; locked: boolean }>(
      'SELECT failures, locked_until > now() AS locked FROM signin_throttles WHERE key = $1', [`account:${email}`]);
    assert.deepEqual(rows[0], { failures: 10, locked: true });
    assert.equal(await sessionCount(email), 1, 'no session beyond the sign-up one');
  });

  test('a lock expires; a failure after it locks for twice as long; the right password then works', async () => {
    const email = 'expiry@example.test';
    await account(email);
    await failTimes('10.0.3.1', email, 5);
    assertLocked(await signIn('10.0.3.1', email, PASSWORD));
    assertLocked(await signIn('10.0.3.1', email, PASSWORD));

    await expireLocks(email);
    await failTimes('10.0.3.1', email, 1);
    assertLocked(await signIn('10.0.3.1', email, PASSWORD), [31, 60]);

    await expireLocks(email);
    const answer = await signIn('10.0.3.1', email, PASSWORD);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(await throttleKeys(email), [], 'a successful sign-in clears the pair and account counters');
    assert.equal(await sessionCount(email), 2);
  });

  test("a password reset clears the account's locks at once", async () => {
    const email = 'reset@example.test';
    await account(email);
    await failTimes('10.0.4.1', email, 5);
    await failTimes('10.0.4.2', email, 5);
    assertLocked(await signIn('10.0.4.1', email, PASSWORD));
    assertLocked(await signIn('10.0.4.3', email, PASSWORD));
    assert.equal((await throttleKeys(email)).length, 3);

    assert.equal((await new Client(h.app).post('/api/v1/auth/password-reset', { email })).status, 202);
    const token = linkIn(await h.mail.waitFor(email)).searchParams.get('token')!;
    const newPassword = 'a brand new passphrase for reset';
    const confirmed = await new Client(h.app).post('/api/v1/auth/password-reset/confirm', { token, password: newPassword });
    assert.equal(confirmed.status, 204, JSON.stringify(confirmed.body));

    assert.deepEqual(await throttleKeys(email), []);
    assert.equal((await signIn('10.0.4.1', email, newPassword)).status, 200);
    assert.equal((await signIn('10.0.4.3', email, newPassword)).status, 200);
  });

  test('parallel guesses cannot outrun the lock: exactly 5 of 40 from one IP are checked', async () => {
    const email = 'burst@example.test';
    await account(email);
    const answers = await Promise.all(Array.from({ length: 40 }, () => signIn('10.0.6.1', email, WRONG)));
    const statuses = answers.map((a) => a.status);
    assert.equal(statuses.filter((s) => s === 401).length, 5, `statuses: ${statuses.join(' ')}`);
    assert.equal(statuses.filter((s) => s === 429).length, 35, `statuses: ${statuses.join(' ')}`);
    for (const answer of answers.filter((a) => a.status === 429)) assertLocked(answer);
    const { rows } = await h.owner.query<{ key: string; failures: number }>(
      'SELECT key, failures FROM signin_throttles WHERE key = ANY($1) ORDER BY key', [[`account:${email}`, `pair:${email}|10.0.6.1`]]);
    assert.deepEqual(rows.map((r) => r.failures), [5, 5], 'refused attempts are not counted');
  });

  test('parallel guesses from many IPs: exactly 10 are checked before the account locks', async () => {
    const email = 'spray@example.test';
    await account(email);
    const answers = await Promise.all(Array.from({ length: 30 }, (_v, i) => signIn(`10.0.7.${i + 1}`, email, WRONG)));
    const statuses = answers.map((a) => a.status);
    assert.equal(statuses.filter((s) => s === 401).length, 10, `statuses: ${statuses.join(' ')}`);
    assert.equal(statuses.filter((s) => s === 429).length, 20, `statuses: ${statuses.join(' ')}`);
  });

  test("one account's locks do not touch another account signing in from the same IP", async () => {
    await account('victim@example.test');
    await account('bystander@example.test');
    await failTimes('10.0.5.1', 'victim@example.test', 5);
    assertLocked(await signIn('10.0.5.1', 'victim@example.test', PASSWORD));
    assert.equal((await signIn('10.0.5.1', 'bystander@example.test', PASSWORD)).status, 200);
  });
});
