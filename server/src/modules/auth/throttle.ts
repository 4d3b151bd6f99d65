// Sign-in throttling, per account, per client IP and per (account, IP) pair.
// Below a key's threshold failures are free; past it the key is locked for a
// time that doubles with each further failure, capped at 15 minutes, and
// failures are forgotten after an hour without any. The cap and the decay
// mean an attacker can delay a user but never lock them out for good, and a
// password reset by email clears the account's locks at once.
import type { Tx } from '../../db/transaction.ts';
import { tooManyRequests } from '../../errors.ts';
import { clearThrottles, clearThrottlesOfAccount, findLocks, lockKey, recordFailure } from './queries.ts';

const RULES = [
  { prefix: 'pair', threshold: 5 },
  { prefix: 'account', threshold: 10 },
  { prefix: 'ip', threshold: 30 },
] as const;
type Prefix = (typeof RULES)[number]['prefix'];
/** Keys that guard one account: counted before the password is checked (reserveSignInAttempt). */
const ACCOUNT_KEYS: ReadonlySet<Prefix> = new Set(['pair', 'account']);
const BASE_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;
const DECAY_MS = 60 * 60_000;

function keysFor(email: string, ip: string): Record<Prefix, string> {
  return { pair: `pair:${email}|${ip}`, account: `account:${email}`, ip: `ip:${ip}` };
}

export function lockDurationMs(failures: number, threshold: number): number {
  if (failures < threshold) return 0;
  return Math.min(BASE_LOCK_MS * 2 ** (failures - threshold), MAX_LOCK_MS);
}

const lockedUntil = (until: number) => tooManyRequests(Math.max(1, Math.ceil((until - Date.now()) / 1000)));

/** Throws 429 with Retry-After when any key for this attempt is locked. */
export async function assertNotLocked(tx: Tx, email: string, ip: string): Promise<void> {
  const locks = await findLocks(tx, Object.values(keysFor(email, ip)));
  if (locks.length === 0) return;
  throw lockedUntil(Math.max(...locks.map((lock) => lock.lockedUntil!.getTime())));
}

async function countFailures(tx: Tx, email: string, ip: string, which: (prefix: Prefix) => boolean, refuseIfLocked: boolean): Promise<void> {
  const keys = keysFor(email, ip);
  for (const rule of RULES.filter((r) => which(r.prefix))) {
    const { failures, lockedUntil: until } = await recordFailure(tx, keys[rule.prefix], DECAY_MS);
    if (refuseIfLocked && until) throw lockedUntil(until.getTime());
    const lockMs = lockDurationMs(failures, rule.threshold);
    if (lockMs > 0) await lockKey(tx, keys[rule.prefix], lockMs);
  }
}

/**
 * Counts the attempt against its account as a failure before the password is
 * checked. Counted only afterwards, parallel guesses all passed the lock check
 * before the first failure was recorded. The upsert serialises attempts on each
 * key's row, so an attempt finding its key locked by an earlier one is refused,
 * and its count rolls back with the 429. A success clears these keys.
 */
export async function reserveSignInAttempt(tx: Tx, email: string, ip: string): Promise<void> {
  await countFailures(tx, email, ip, (prefix) => ACCOUNT_KEYS.has(prefix), true);
}

/** After a failed attempt: the keys not counted up front (the client IP across accounts). */
export async function recordSignInFailure(tx: Tx, email: string, ip: string): Promise<void> {
  await countFailures(tx, email, ip, (prefix) => !ACCOUNT_KEYS.has(prefix), false);
}

export async function recordSignInSuccess(tx: Tx, email: string, ip: string): Promise<void> {
  const keys = keysFor(email, ip);
  await clearThrottles(tx, [keys.pair, keys.account]);
}

export async function clearAccountLocks(tx: Tx, email: string): Promise<void> {
  await clearThrottlesOfAccount(tx, `account:${email}`, `pair:${email}|`);
}
