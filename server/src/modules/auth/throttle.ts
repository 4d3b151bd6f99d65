// Sign-in throttling, per account, per client network and per (account,
// network) pair; a network is an IPv4 address or an IPv6 /64, since one
// IPv6 host owns a whole /64. Below a key's threshold failures are free; past
// it the key is locked for a time that doubles with each further failure,
// capped at 15 minutes, and failures are forgotten after an hour without any.
// The account-wide lock does not apply to networks the account has signed in
// from successfully (signin_known_clients), so failures from elsewhere can
// delay a user on a new network but never lock them out where they usually
// sign in; a password reset by email clears the account's locks at once.
import type { Tx } from '../../db/transaction.ts';
import { tooManyRequests } from '../../errors.ts';
import { clearThrottles, clearThrottlesOfAccount, findLocks, isKnownClient, lockKey, recordFailure, rememberClient } from './queries.ts';

const RULES = [
  { prefix: 'pair', threshold: 5 },
  { prefix: 'account', threshold: 10 },
  { prefix: 'ip', threshold: 30 },
] as const;
type Prefix = (typeof RULES)[number]['prefix'];
const BASE_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;
const DECAY_MS = 60 * 60_000;
const KNOWN_CLIENT_DAYS = 90;

/** The unit an attacker controls: an IPv4 address, or the /64 of an IPv6 address. */
export function clientNetwork(ip: string): string {
  if (!ip.includes(':') || /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(ip)) return ip.replace(/^::ffff:/i, '');
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

function keysFor(email: string, ip: string): Record<Prefix, string> {
  const network = clientNetwork(ip);
  return { pair: `pair:${email}|${network}`, account: `account:${email}`, ip: `ip:${network}` };
}

/** Whether the account has signed in from this network recently: then the account-wide lock does not apply. */
export function knownClient(tx: Tx, email: string, ip: string): Promise<boolean> {
  return isKnownClient(tx, email, clientNetwork(ip), KNOWN_CLIENT_DAYS);
}

export function lockDurationMs(failures: number, threshold: number): number {
  if (failures < threshold) return 0;
  return Math.min(BASE_LOCK_MS * 2 ** (failures - threshold), MAX_LOCK_MS);
}

const lockedUntil = (until: number) => tooManyRequests(Math.max(1, Math.ceil((until - Date.now()) / 1000)));

/** Throws 429 with Retry-After when any key for this attempt is locked. */
export async function assertNotLocked(tx: Tx, email: string, ip: string, known: boolean): Promise<void> {
  const keys = keysFor(email, ip);
  const locks = await findLocks(tx, known ? [keys.pair, keys.ip] : Object.values(keys));
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
export async function reserveSignInAttempt(tx: Tx, email: string, ip: string, known: boolean): Promise<void> {
  await countFailures(tx, email, ip, (prefix) => prefix === 'pair' || (prefix === 'account' && !known), true);
}

/** After a failed attempt: the key not counted up front (the client network across accounts). */
export async function recordSignInFailure(tx: Tx, email: string, ip: string): Promise<void> {
  await countFailures(tx, email, ip, (prefix) => prefix === 'ip', false);
}

export async function recordSignInSuccess(tx: Tx, email: string, ip: string): Promise<void> {
  const keys = keysFor(email, ip);
  await clearThrottles(tx, [keys.pair, keys.account]);
  await rememberClient(tx, email, clientNetwork(ip));
}

export async function clearAccountLocks(tx: Tx, email: string): Promise<void> {
  await clearThrottlesOfAccount(tx, `account:${email}`, `pair:${email}|`);
}
