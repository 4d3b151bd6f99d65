// State changes of groups: creation, settings, archive and deletion,
// joining, requests to join, invitations, roles and removal. Every action
// loads the group through loadGroup(), so a group the actor may not see is a
// 404, indistinguishable from one that does not exist.
import { AppError, conflict, notFound } from '../../errors.ts';
import { inTransaction, type Tx } from '../../db/transaction.ts';
import type { TenantContext } from '../../http/context.ts';
import { emit } from '../../realtime/stream-log.ts';
import type { Services } from '../../services.ts';
import { findRoomId } from '../chat/queries.ts';
import { assertAllowed } from '../instances/policies.ts';
import { findMembership } from '../instances/queries.ts';
import { notify } from '../notifications/actions.ts';
import { canCreateGroup, canJoinGroup, canManageGroup, canRequestToJoin, canSeeGroup, type GroupActor } from './policies.ts';
import {
  countGroupAdmins, deleteGroup, deleteGroupMember, deleteGroupRequest, findGroup, findGroupMembership, findGroupRequest,
  insertGroup, insertGroupRequest, listGroupAdminIds, setArchived, updateGroup, upsertGroupMember,
  type Group, type GroupRole, type Posting, type Visibility,
} from './queries.ts';

export const groupNotFound = () => notFound('No such group.');

export interface LoadedGroup {
  group: Group;
  actor: GroupActor;
}

/** The group as the actor may see it, or 404. Used by every group and feed action. */
export async function loadGroup(tx: Tx, t: TenantContext, groupId: string): Promise<LoadedGroup> {
  const group = await findGroup(tx, t.instance.id, groupId);
  if (!group) throw groupNotFound();
  const membership = await findGroupMembership(tx, groupId, t.membership.userId);
  const pending = await findGroupRequest(tx, groupId, t.membership.userId);
  const actor: GroupActor = { membership: t.membership, groupRole: membership?.role ?? null, invited: pending?.kind === 'invitation' };
  if (!canSeeGroup(actor, group)) throw groupNotFound();
  return { group, actor };
}

function scope(t: TenantContext) {
  return { instanceId: t.instance.id, userId: t.membership.userId };
}

const nameTaken = () => conflict('group_name_taken', 'A group with this name already exists.');

export async function createGroup(s: Services, t: TenantContext, input: { name: string; description?: string | undefined; visibility: Visibility; posting?: Posting | undefined }): Promise<string> {
  assertAllowed(canCreateGroup(t.membership), 'Guests cannot create groups.');
  return inTransaction(s.pool, scope(t), async (tx) => {
    const id = await insertGroup(tx, {
      instanceId: t.instance.id, name: input.name.trim(), description: input.description?.trim() ?? '',
      visibility: input.visibility, posting: input.posting ?? 'everyone', createdBy: t.membership.userId,
    });
    if (!id) throw nameTaken();
    await upsertGroupMember(tx, { instanceId: t.instance.id, groupId: id, userId: t.membership.userId, role: 'admin' });
    return id;
  });
}

export async function updateGroupSettings(s: Services, t: TenantContext, groupId: string, changes: { name?: string | undefined; description?: string | undefined; visibility?: Visibility | undefined; posting?: Posting | undefined; archived?: boolean | undefined }): Promise<void> {
  await inTransaction(s.pool, scope(t), async (tx) => {
    const { actor } = await loadGroup(tx, t, groupId);
    assertAllowed(canManageGroup(actor), 'Only group administrators can change this group.');
    try {
      await updateGroup(tx, groupId, { ...changes, name: changes.name?.trim(), description: changes.description?.trim() });
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw nameTaken();
      throw error;
    }
    if (changes.archived !== undefined) await setArchived(tx, groupId, changes.archived);
    await emit(s, tx, { type: 'group.changed', instanceId: t.instance.id, stream: `group:${groupId}`, data: { groupId, deleted: false } });
    // The room shows the group's name and whether it is archived (read-only): its members reload it.
    const roomId = await findRoomId(tx, t.instance.id, groupId);
    if (roomId) await emit(s, tx, { type: 'conversation.updated', instanceId: t.instance.id, stream: `conversation:${roomId}`, data: { conversationId: roomId } });
  });
}

export async function removeGroup(s: Services, t: TenantContext, groupId: string): Promise<void> {
  await inTransaction(s.pool, scope(t), async (tx) => {
    const { actor } = await loadGroup(tx, t, groupId);
    assertAllowed(canManageGroup(actor), 'Only group administrators can delete this group.');
    await deleteGroup(tx, groupId);
    await emit(s, tx, { type: 'group.changed', instanceId: t.instance.id, stream: `group:${groupId}`, data: { groupId, deleted: true } });
  });
}

/**
 * Tells the group's followers, and the person's inbox when the group has a chat
 * room (its membership follows the group's: migration 0007), so their chat list
 * changes at once. Inbox first: every action takes inbox heads before others.
 */
async function membershipEvent(s: Services, tx: Tx, t: TenantContext, groupId: string, userId: string, member: boolean) {
  const roomId = await findRoomId(tx, t.instance.id, groupId);
  if (roomId) {
    await emit(s, tx, member
      ? { type: 'conversation.added', instanceId: t.instance.id, stream: `inbox:${userId}`, data: { conversationId: roomId } }
      : { type: 'conversation.removed', instanceId: t.instance.id, stream: `inbox:${userId}`, data: { conversationId: roomId, userId } });
  }
  await emit(s, tx, { type: 'group.membership.changed', instanceId: t.instance.id, stream: `group:${groupId}`, data: { groupId, userId, member } });
}

/** Joins an open group, or accepts an invitation to any group. */
export async function joinGroup(s: Services, t: TenantContext, groupId: string): Promise<void> {
  await inTransaction(s.pool, scope(t), async (tx) => {
    const { group, actor } = await loadGroup(tx, t, groupId);
    if (actor.groupRole) return;
    if (!canJoinGroup(actor, group)) {
      if (canRequestToJoin(actor, group)) throw new AppError(403, 'join_request_required', 'This group is private: ask to join instead.');
      throw new AppError(403, 'forbidden', 'You cannot join this group.');
    }
    await deleteGroupRequest(tx, groupId, t.membership.userId);
    await upsertGroupMember(tx, { instanceId: t.instance.id, groupId, userId: t.membership.userId, role: 'member' });
    await membershipEvent(s, tx, t, groupId, t.membership.userId, true);
  });
}

export async function requestToJoin(s: Services, t: TenantContext, groupId: string): Promise<void> {
  await inTransaction(s.pool, scope(t), async (tx) => {
    const { group, actor } = await loadGroup(tx, t, groupId);
    assertAllowed(canRequestToJoin(actor, group), 'You cannot ask to join this group.');
    // Asking again changes nothing: the administrators were notified the first time (no notification spam).
    if (await findGroupRequest(tx, groupId, t.membership.userId)) return;
    await insertGroupRequest(tx, { instanceId: t.instance.id, groupId, userId: t.membership.userId, kind: 'request', createdBy: t.membership.userId });
    await notify(s, tx, { instanceId: t.instance.id, userIds: await listGroupAdminIds(tx, groupId), kind: 'join_request', actorId: t.membership.userId, groupId });
  });
}

/** Leaves a group. The last administrator cannot leave while other members remain. */
export async function leaveGroup(s: Services, t: TenantContext, groupId: string): Promise<void> {
  await inTransaction(s.pool, scope(t), async (tx) => {
    const { group, actor } = await loadGroup(tx, t, groupId);
    if (!actor.groupRole) throw new AppError(409, 'not_a_member', 'You are not a member of this group.');
    if (actor.groupRole === 'admin' && group.memberCount > 1 && (await countGroupAdmins(tx, groupId)) === 1) {
      throw conflict('last_group_admin', 'Name another group administrator before leaving.');
    }
    await deleteGroupMember(tx, groupId, t.membership.userId);
    await membershipEvent(s, tx, t, groupId, t.membership.userId, false);
  });
}

async function assertInstanceMember(tx: Tx, t: TenantContext, userId: string): Promise<void> {
  const target = await findMembership(tx, t.instance.id, userId);
  if (!target || target.status !== 'active') throw notFound('No such member in this instance.');
}

export async function inviteToGroup(s: Services, t: TenantContext, groupId: string, userId: string): Promise<void> {
  await inTransaction(s.pool, scope(t), async (tx) => {
    const { group, actor } = await loadGroup(tx, t, groupId);
    assertAllowed(canManageGroup(actor) && !group.archivedAt, 'Only group administrators can invite to this group.');
    await assertInstanceMember(tx, t, userId);
    if (await findGroupMembership(tx, groupId, userId)) throw conflict('already_member', 'This person is already a member of the group.');
    await insertGroupRequest(tx, { instanceId: t.instance.id, groupId, userId, kind: 'invitation', createdBy: t.membership.userId });
    await notify(s, tx, { instanceId: t.instance.id, userIds: [userId], kind: 'group_invitation', actorId: t.membership.userId, groupId });
  });
}

export async function approveRequest(s: Services, t: TenantContext, groupId: string, userId: string): Promise<void> {
  await inTransaction(s.pool, scope(t), async (tx) => {
    const { actor } = await loadGroup(tx, t, groupId);
    assertAllowed(canManageGroup(actor), 'Only group administrators can approve requests.');
    const request = await findGroupRequest(tx, groupId, userId);
    if (!request || request.kind !== 'request') throw notFound('No pending request from this person.');
    await deleteGroupRequest(tx, groupId, userId);
    await upsertGroupMember(tx, { instanceId: t.instance.id, groupId, userId, role: 'member' });
    await notify(s, tx, { instanceId: t.instance.id, userIds: [userId], kind: 'join_approved', actorId: t.membership.userId, groupId });
    await membershipEvent(s, tx, t, groupId, userId, true);
  });
}

/** Refuses a request or withdraws an invitation (managers), or withdraws one's own request / declines one's own invitation. */
export async function dismissRequest(s: Services, t: TenantContext, groupId: string, userId: string): Promise<void> {
  await inTransaction(s.pool, scope(t), async (tx) => {
    const { actor } = await loadGroup(tx, t, groupId);
    assertAllowed(userId === t.membership.userId || canManageGroup(actor));
    if (!(await deleteGroupRequest(tx, groupId, userId))) throw notFound('No pending request or invitation for this person.');
  });
}

export async function setGroupMemberRole(s: Services, t: TenantContext, groupId: string, userId: string, role: GroupRole): Promise<void> {
  await inTransaction(s.pool, scope(t), async (tx) => {
    const { actor } = await loadGroup(tx, t, groupId);
    assertAllowed(canManageGroup(actor), 'Only group administrators can change roles.');
    const target = await findGroupMembership(tx, groupId, userId);
    if (!target) throw notFound('No such group member.');
    if (target.role === 'admin' && role !== 'admin' && (await countGroupAdmins(tx, groupId)) === 1) {
      throw conflict('last_group_admin', 'A group keeps at least one administrator.');
    }
    await upsertGroupMember(tx, { instanceId: t.instance.id, groupId, userId, role });
  });
}

export async function removeGroupMember(s: Services, t: TenantContext, groupId: string, userId: string): Promise<void> {
  if (userId === t.membership.userId) return leaveGroup(s, t, groupId);
  await inTransaction(s.pool, scope(t), async (tx) => {
    const { actor } = await loadGroup(tx, t, groupId);
    assertAllowed(canManageGroup(actor), 'Only group administrators can remove members.');
    const target = await findGroupMembership(tx, groupId, userId);
    if (!target) throw notFound('No such group member.');
    if (target.role === 'admin' && (await countGroupAdmins(tx, groupId)) === 1) {
      throw conflict('last_group_admin', 'A group keeps at least one administrator.');
    }
    await deleteGroupMember(tx, groupId, userId);
    await membershipEvent(s, tx, t, groupId, userId, false);
  });
}
