// SQL for sessions, password resets and sign-in throttles (global tables).
import type { Tx } from '../../db/transaction.ts';

export interface SessionRow {
  id: string;
  userId: string;
  csrfToken: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

const SESSION_COLUMNS = `id, user_id AS "userId", csrf_token AS "csrfToken", user_agent AS "userAgent", host(ip) AS ip,
  created_at AS "createdAt", last_seen_at AS "lastSeenAt", expires_at AS "expiresAt"`;

export async function insertSession(tx: Tx, s: { userId: string; tokenHash: Buffer; csrfToken: string; userAgent: string | null; ip: string | null; expiresAt: Date }): Promise<SessionRow> {
  const { rows } = await tx.query<SessionRow>(
    `INSERT INTO sessions (user_id, token_hash, csrf_token, user_agent, ip, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${SESSION_COLUMNS}`,
    [s.userId, s.tokenHash, s.csrfToken, s.userAgent, s.ip, s.expiresAt],
  );
  return rows[0]!;
}

/** A live session: not past its absolute expiry nor idle for longer than idleMs. */
export async function findLiveSession(tx: Tx, tokenHash: Buffer, idleMs: number): Promise<SessionRow | null> {
  const { rows } = await tx.query<SessionRow>(
    `SELECT ${SESSION_COLUMNS} FROM sessions
     WHERE token_hash = $1 AND expires_at > now() AND last_seen_at > now() - make_interval(secs => $2)`,
    [tokenHash, idleMs / 1000],
  );
  return rows[0] ?? null;
}

export async function touchSession(tx: Tx, id: string): Promise<void> {
  await tx.query('UPDATE sessions SET last_seen_at = now() WHERE id = $1', [id]);
}

export async function listUserSessions(tx: Tx, userId: string, idleMs: number): Promise<SessionRow[]> {
  const { rows } = await tx.query<SessionRow>(
    `SELECT ${SESSION_COLUMNS} FROM sessions
     WHERE user_id = $1 AND expires_at > now() AND last_seen_at > now() - make_interval(secs => $2)
     ORDER BY last_seen_at DESC`,
    [userId, idleMs / 1000],
  );
  return rows;
}

export async function deleteSession(tx: Tx, userId: string, sessionId: string): Promise<boolean> {
  const result = await tx.query('DELETE FROM sessions WHERE id = $1 AND user_id = $2', [sessionId, userId]);
  return result.rowCount === 1;
}

export async function deleteUserSessions(tx: Tx, userId: string, exceptSessionId: string | null = null): Promise<number> {
  const result = await tx.query('DELETE FROM sessions WHERE user_id = $1 AND id IS DISTINCT FROM $2', [userId, exceptSessionId]);
  return result.rowCount ?? 0;
}

export async function deleteExpiredSessions(tx: Tx, idleMs: number): Promise<number> {
  const result = await tx.query(
    'DELETE FROM sessions WHERE expires_at <= now() OR last_seen_at <= now() - make_interval(secs => $1)', [idleMs / 1000]);
  return result.rowCount ?? 0;
}

export async function insertPasswordReset(tx: Tx, userId: string, tokenHash: Buffer, expiresAt: Date): Promise<void> {
  await tx.query('INSERT INTO password_resets (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [tokenHash, userId, expiresAt]);
}

export async function hasRecentPasswordReset(tx: Tx, userId: string, seconds: number): Promise<boolean> {
  const { rowCount } = await tx.query(
    'SELECT 1 FROM password_resets WHERE user_id = $1 AND created_at > now() - make_interval(secs => $2) LIMIT 1', [userId, seconds]);
  return rowCount === 1;
}

export async function findPendingPasswordReset(tx: Tx, tokenHash: Buffer): Promise<boolean> {
  const { rowCount } = await tx.query('SELECT 1 FROM password_resets WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()', [tokenHash]);
  return rowCount === 1;
}

/** Marks a valid reset token used and returns its user, atomically (single use). */
export async function consumePasswordReset(tx: Tx, tokenHash: Buffer): Promise<string | null> {
  const { rows } = await tx.query<{ userId: string }>(
    `UPDATE password_resets SET used_at = now()
     WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id AS "userId"`,
    [tokenHash],
  );
  return rows[0]?.userId ?? null;
}

export async function invalidatePasswordResets(tx: Tx, userId: string): Promise<void> {
  await tx.query('UPDATE password_resets SET used_at = now() WHERE user_id = $1 AND used_at IS NULL', [userId]);
}

export interface ThrottleRow {
  key: string;
  failures: number;
  lockedUntil: Date | null;
}

export async function findLocks(tx: Tx, keys: string[]): Promise<ThrottleRow[]> {
  const { rows } = await tx.query<ThrottleRow>(
    `SELECT key, failures, locked_until AS "lockedUntil" FROM signin_throttles WHERE key = ANY($1) AND locked_until > now()`, [keys]);
  return rows;
}

/** Counts a failure; failures older than the decay window start over. Also returns a lock the key already holds. */
export async function recordFailure(tx: Tx, key: string, decayMs: number): Promise<{ failures: number; lockedUntil: Date | null }> {
  const { rows } = await tx.query<{ failures: number; lockedUntil: Date | null }>(
    `INSERT INTO signin_throttles AS t (key, failures, last_failure_at) VALUES ($1, 1, now())
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN t.last_failure_at < now() - make_interval(secs => $2) THEN 1 ELSE t.failures + 1 END,
       last_failure_at = now()
     RETURNING failures, CASE WHEN locked_until > now() THEN locked_until END AS "lockedUntil"`,
    [key, decayMs / 1000],
  );
  return rows[0]!;
}

export async function lockKey(tx: Tx, key: string, lockMs: number): Promise<void> {
  await tx.query('UPDATE signin_throttles SET locked_until = now() + make_interval(secs => $2) WHERE key = $1', [key, lockMs / 1000]);
}

export async function clearThrottles(tx: Tx, keys: string[]): Promise<void> {
  await tx.query('DELETE FROM signin_throttles WHERE key = ANY($1)', [keys]);
}

/** Clears the account key and every (account, IP) pair key of one account. */
export async function clearThrottlesOfAccount(tx: Tx, accountKey: string, pairPrefix: string): Promise<void> {
  await tx.query('DELETE FROM signin_throttles WHERE key = $1 OR starts_with(key, $2)', [accountKey, pairPrefix]);
}

export async function isKnownClient(tx: Tx, email: string, network: string, days: number): Promise<boolean> {
  const { rowCount } = await tx.query(
    'SELECT 1 FROM signin_known_clients WHERE email = $1 AND network = $2 AND last_success_at > now() - make_interval(days => $3)',
    [email, network, days]);
  return rowCount === 1;
}

export async function rememberClient(tx: Tx, email: string, network: string): Promise<void> {
  await tx.query(
    `INSERT INTO signin_known_clients (email, network) VALUES ($1, $2)
     ON CONFLICT (email, network) DO UPDATE SET last_success_at = now()`, [email, network]);
}
