// State changes of instances: creation (the creator becomes owner), settings,
// ownership transfer, and suspension by a platform operator.
import { randomUUID } from 'node:crypto';
import { conflict, notFound } from '../../errors.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Services } from '../../services.ts';
import type { TenantContext } from '../../http/context.ts';
import { assertAllowed, canAdministerInstance, canTransferOwnership } from './policies.ts';
import { insertInstance, lockMemberships, insertMembership, setInstanceStatus, setMembershipRole, updateInstance, type Instance, type InstanceStatus } from './queries.ts';

// Names that would collide with routes or look official under subdomain routing.
const RESERVED_SLUGS = new Set(['api', 'app', 'www', 'admin', 'status', 'static', 'assets', 'mail', 'docs', 'help', 'ruche', 'operator']);

export async function createInstance(s: Services, ownerId: string, input: { name: string; slug: string; defaultLocale: 'fr' | 'en' }): Promise<Instance> {
  if (RESERVED_SLUGS.has(input.slug)) throw conflict('slug_taken', `The address "${input.slug}" is reserved. Choose another one.`);
  // The id is chosen up front so the transaction is scoped to the new instance from its start.
  const id = randomUUID();
  return inTransaction(s.pool, { instanceId: id }, async (tx) => {
    const instance = await insertInstance(tx, { id, slug: input.slug, name: input.name.trim(), defaultLocale: input.defaultLocale });
    if (!instance) throw conflict('slug_taken', `The address "${input.slug}" is already taken. Choose another one.`);
    await insertMembership(tx, { instanceId: instance.id, userId: ownerId, role: 'owner' });
    return instance;
  });
}

export async function updateInstanceSettings(s: Services, t: TenantContext, changes: { name?: string | undefined; defaultLocale?: 'fr' | 'en' | undefined }): Promise<Instance> {
  assertAllowed(canAdministerInstance(t.membership));
  return inTransaction(s.pool, { instanceId: t.instance.id }, (tx) =>
    updateInstance(tx, t.instance.id, { name: changes.name?.trim(), defaultLocale: changes.defaultLocale }));
}

/** The owner hands the instance to another active member and becomes an administrator. */
export async function transferOwnership(s: Services, t: TenantContext, newOwnerId: string): Promise<void> {
  await inTransaction(s.pool, { instanceId: t.instance.id }, async (tx) => {
    // Both rows are locked and re-read: a concurrent transfer, removal or disabling waits, then sees the new state.
    const locked = await lockMemberships(tx, t.instance.id, [t.membership.userId, newOwnerId]);
    const actor = locked.get(t.membership.userId);
    const target = locked.get(newOwnerId);
    if (!target) throw notFound('No such member.');
    assertAllowed(actor !== undefined && canTransferOwnership(actor, target), 'Only the owner can transfer ownership, to another active member.');
    // Demote first: the unique index allows a single owner per instance.
    await setMembershipRole(tx, t.instance.id, t.membership.userId, 'administrator');
    await setMembershipRole(tx, t.instance.id, newOwnerId, 'owner');
  });
}

export async function changeInstanceStatus(s: Services, instanceId: string, status: InstanceStatus): Promise<Instance> {
  const instance = await inTransaction(s.pool, {}, (tx) => setInstanceStatus(tx, instanceId, status));
  if (!instance) throw notFound('No such instance.');
  return instance;
}
