// Server-side sessions. The cookie holds a random secret; the database holds
// its SHA-256, the CSRF token, and the timestamps that enforce the idle and
// absolute timeouts. A session ends on sign-out, password change, revocation,
// account disabling, or timeout.
import type { Config } from '../../config.ts';
import type { Tx } from '../../db/transaction.ts';
import { findUserById, type UserRecord } from '../users/queries.ts';
import { findLiveSession, insertSession, touchSession, type SessionRow } from './queries.ts';
import { hashSecret, newSecret } from './tokens.ts';

export const SESSION_COOKIE = 'ruche_session';
/**
 * last_seen_at is refreshed at most this often, so reads do not turn into writes;
 * never less often than half the idle timeout, or an active user would time out.
 */
const TOUCH_INTERVAL_MS = 60_000;

export type SessionRecord = SessionRow;

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export async function openSession(tx: Tx, config: Config, userId: string, client: ClientInfo): Promise<{ secret: string; session: SessionRecord }> {
  const secret = newSecret();
  const session = await insertSession(tx, {
    userId,
    tokenHash: hashSecret(secret),
    csrfToken: newSecret(),
    userAgent: client.userAgent?.slice(0, 512) ?? null,
    ip: client.ip,
    expiresAt: new Date(Date.now() + config.session.absoluteTimeoutMs),
  });
  return { secret, session };
}

/** The live session and its (enabled) user for a cookie secret, or null. */
export async function resumeSession(tx: Tx, config: Config, secret: string): Promise<{ session: SessionRecord; user: UserRecord } | null> {
  const session = await findLiveSession(tx, hashSecret(secret), config.session.idleTimeoutMs);
  if (!session) return null;
  const user = await findUserById(tx, session.userId);
  if (!user || user.disabledAt) return null;
  const touchEvery = Math.min(TOUCH_INTERVAL_MS, config.session.idleTimeoutMs / 2);
  if (Date.now() - session.lastSeenAt.getTime() > touchEvery) await touchSession(tx, session.id);
  return { session, user };
}

export function cookieOptions(config: Config, maxAgeMs?: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.publicUrl.protocol === 'https:',
    ...(maxAgeMs !== undefined ? { maxAge: Math.floor(maxAgeMs / 1000) } : {}),
  };
}
