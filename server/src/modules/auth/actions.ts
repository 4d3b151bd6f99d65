// State changes of authentication: sign up, sign in/out, password change and
// reset, session revocation. Each owns its transaction.
import { conflict, notFound, AppError } from '../../errors.ts';
import { inTransaction } from '../../db/transaction.ts';
import { emails } from '../../mail/templates.ts';
import type { Services } from '../../services.ts';
import { canonicalEmail, normaliseEmail } from '../users/email.ts';
import { findUserByEmail, findUserById, insertUser, updatePasswordHash, updateProfile, type UserRecord } from '../users/queries.ts';
import { assertAcceptablePassword, hashPassword, spendVerificationTime, verifyPassword } from './passwords.ts';
import { deleteSession, deleteUserSessions, consumePasswordReset, findPendingPasswordReset, hasRecentPasswordReset, insertPasswordReset, invalidatePasswordResets } from './queries.ts';
import { openSession, type ClientInfo, type SessionRecord } from './sessions.ts';
import { assertNotLocked, clearAccountLocks, knownClient, recordSignInFailure, recordSignInSuccess, reserveSignInAttempt } from './throttle.ts';
import { hashSecret, newSecret } from './tokens.ts';

export interface Opened {
  user: UserRecord;
  secret: string;
  session: SessionRecord;
}

export async function signUp(s: Services, input: { email: string; password: string; displayName: string; locale: 'fr' | 'en' }, client: ClientInfo): Promise<Opened> {
  const email = normaliseEmail(input.email);
  assertAcceptablePassword(input.password, { email });
  const passwordHash = await hashPassword(input.password);
  return inTransaction(s.pool, {}, async (tx) => {
    const user = await insertUser(tx, { email, displayName: input.displayName.trim(), passwordHash, locale: input.locale });
    if (!user) throw conflict('email_taken', 'An account with this email already exists. Sign in instead.');
    const { secret, session } = await openSession(tx, s.config, user.id, client);
    return { user, secret, session };
  });
}

const invalidCredentials = () => new AppError(401, 'invalid_credentials', 'Wrong email or password.');

export async function signIn(s: Services, input: { email: string; password: string }, client: ClientInfo): Promise<Opened> {
  const email = canonicalEmail(input.email);
  const ip = client.ip ?? 'unknown';
  const user = await inTransaction(s.pool, {}, async (tx) => {
    const known = await knownClient(tx, email, ip);
    await assertNotLocked(tx, email, ip, known);
    await reserveSignInAttempt(tx, email, ip, known);
    return findUserByEmail(tx, email);
  });
  const valid = user ? await verifyPassword(user.passwordHash, input.password) : (await spendVerificationTime(input.password), false);
  if (!user || !valid) {
    // Recorded in its own committed transaction: the request fails, the count must stay.
    await inTransaction(s.pool, {}, (tx) => recordSignInFailure(tx, email, ip));
    throw invalidCredentials();
  }
  if (user.disabledAt) throw new AppError(403, 'account_disabled', 'This account is disabled. Contact your administrator.');
  return inTransaction(s.pool, {}, async (tx) => {
    await recordSignInSuccess(tx, email, ip);
    const { secret, session } = await openSession(tx, s.config, user.id, client);
    return { user, secret, session };
  });
}

export async function signOut(s: Services, userId: string, sessionId: string): Promise<void> {
  await inTransaction(s.pool, {}, (tx) => deleteSession(tx, userId, sessionId));
}

export async function revokeOwnSession(s: Services, userId: string, sessionId: string): Promise<void> {
  const deleted = await inTransaction(s.pool, {}, (tx) => deleteSession(tx, userId, sessionId));
  if (!deleted) throw notFound('No such session.');
}

export async function updateMe(s: Services, userId: string, changes: { displayName?: string | undefined; locale?: 'fr' | 'en' | undefined }): Promise<UserRecord> {
  return inTransaction(s.pool, {}, (tx) => updateProfile(tx, userId, { displayName: changes.displayName?.trim(), locale: changes.locale }));
}

/**
 * Changes the password and ends every other session of the user. Wrong
 * current passwords count like failed sign-ins from this network, so a stolen
 * session cannot be used to guess the password.
 */
export async function changePassword(s: Services, user: UserRecord, currentSessionId: string | null, input: { currentPassword: string; newPassword: string }, client: ClientInfo): Promise<void> {
  const ip = client.ip ?? 'unknown';
  await inTransaction(s.pool, {}, async (tx) => {
    await assertNotLocked(tx, user.email, ip, true);
    await reserveSignInAttempt(tx, user.email, ip, true);
  });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError(400, 'invalid_current_password', 'The current password is wrong.');
  }
  await inTransaction(s.pool, {}, (tx) => recordSignInSuccess(tx, user.email, ip));
  assertAcceptablePassword(input.newPassword, { email: user.email });
  const passwordHash = await hashPassword(input.newPassword);
  await inTransaction(s.pool, {}, async (tx) => {
    await updatePasswordHash(tx, user.id, passwordHash);
    await deleteUserSessions(tx, user.id, currentSessionId);
    await invalidatePasswordResets(tx, user.id);
  });
}

const RESET_EMAIL_INTERVAL_SECONDS = 60;

/** Always succeeds from the caller's view, so it does not reveal which emails have accounts. */
export async function requestPasswordReset(s: Services, rawEmail: string): Promise<void> {
  let email: string;
  try {
    email = normaliseEmail(rawEmail);
  } catch {
    return;
  }
  await inTransaction(s.pool, {}, async (tx) => {
    const user = await findUserByEmail(tx, email);
    if (!user || user.disabledAt) return;
    // One email a minute at most: the form cannot be used to flood someone's inbox.
    if (await hasRecentPasswordReset(tx, user.id, RESET_EMAIL_INTERVAL_SECONDS)) return;
    const secret = newSecret();
    await insertPasswordReset(tx, user.id, hashSecret(secret), new Date(Date.now() + s.config.passwordResetTtlMs));
    const link = new URL(`/reset-password?token=${secret}`, s.config.publicUrl).toString();
    const message = emails.passwordReset(user.locale, { link, minutes: Math.round(s.config.passwordResetTtlMs / 60_000) });
    tx.afterCommit(() => void s.mailer.send(user.email, message));
  });
}

const resetTokenInvalid = () => new AppError(400, 'reset_token_invalid', 'This reset link is invalid, expired or already used. Ask for a new one.');

/** Sets a new password from a single-use reset token; ends all sessions and clears sign-in locks. */
export async function resetPassword(s: Services, input: { token: string; password: string }): Promise<void> {
  assertAcceptablePassword(input.password);
  // Checked before the (deliberately expensive) hashing, so random tokens cannot make the server hash for nothing.
  const pending = await inTransaction(s.pool, {}, (tx) => findPendingPasswordReset(tx, hashSecret(input.token)));
  if (!pending) throw resetTokenInvalid();
  const passwordHash = await hashPassword(input.password);
  await inTransaction(s.pool, {}, async (tx) => {
    const id = await consumePasswordReset(tx, hashSecret(input.token));
    if (!id) throw resetTokenInvalid();
    const user = (await findUserById(tx, id))!;
    // Only now is the account known: the password must not be its email. Throwing rolls the token back.
    assertAcceptablePassword(input.password, { email: user.email });
    await updatePasswordHash(tx, id, passwordHash);
    await deleteUserSessions(tx, id);
    await invalidatePasswordResets(tx, id);
    await clearAccountLocks(tx, user.email);
  });
}
