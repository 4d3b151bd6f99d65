// Platform operator actions: instance registry and accounts. Operators act on
// the registry (create, suspend) and never read instance content.
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import type { Services } from '../../services.ts';
import { assertAcceptablePassword, hashPassword } from '../auth/passwords.ts';
import { deleteUserSessions } from '../auth/queries.ts';
import { createInstance } from '../instances/actions.ts';
import type { Instance } from '../instances/queries.ts';
import { normaliseEmail } from '../users/email.ts';
import { findUserByEmail, insertUser, setDisabled, setOperator, type UserRecord } from '../users/queries.ts';

export async function createInstanceForOwner(s: Services, input: { name: string; slug: string; defaultLocale: 'fr' | 'en'; ownerEmail: string }): Promise<Instance> {
  const email = normaliseEmail(input.ownerEmail, 'ownerEmail');
  const owner = await inTransaction(s.pool, {}, (tx) => findUserByEmail(tx, email));
  if (!owner) throw new AppError(404, 'owner_not_found', `No account uses ${email}: the owner must sign up first.`);
  return createInstance(s, owner.id, input);
}

/** Creates an operator account, or grants the operator role to an existing account. */
export async function createOperator(s: Services, input: { email: string; displayName: string; password: string }): Promise<{ user: UserRecord; created: boolean }> {
  const email = normaliseEmail(input.email);
  const existing = await inTransaction(s.pool, {}, (tx) => findUserByEmail(tx, email));
  if (existing) {
    await inTransaction(s.pool, {}, (tx) => setOperator(tx, existing.id, true));
    return { user: { ...existing, isOperator: true }, created: false };
  }
  assertAcceptablePassword(input.password, { email });
  const passwordHash = await hashPassword(input.password);
  const user = await inTransaction(s.pool, {}, (tx) => insertUser(tx, { email, displayName: input.displayName, passwordHash, locale: 'en', isOperator: true }));
  return { user: user!, created: true };
}

/** Disables (or re-enables) an account everywhere; disabling ends all its sessions at once. */
export async function setAccountDisabled(s: Services, email: string, disabled: boolean): Promise<UserRecord> {
  return inTransaction(s.pool, {}, async (tx) => {
    const user = await findUserByEmail(tx, normaliseEmail(email));
    if (!user) throw new AppError(404, 'not_found', `No account uses ${email}.`);
    await setDisabled(tx, user.id, disabled);
    if (disabled) await deleteUserSessions(tx, user.id);
    return user;
  });
}
