// Permission-checked reads of groups: what the routes show, filtered by the
// same policies the actions enforce.
import { inTransaction } from '../../db/transaction.ts';
import type { TenantContext } from '../../http/context.ts';
import type { Services } from '../../services.ts';
import { isAdministrator, assertAllowed } from '../instances/policies.ts';
import { loadGroup } from './actions.ts';
import { canManageGroup, canReadGroupContent, type GroupActor } from './policies.ts';
import { presentGroup, presentGroupMember, presentGroupRequest } from './presenters.ts';
import { findGroupRequest, listGroupMembers, listGroupRequests, listVisibleGroups } from './queries.ts';

export type GroupFilter = 'visible' | 'mine' | 'archived';

export async function readGroups(s: Services, t: TenantContext, filter: GroupFilter) {
  return inTransaction(s.pool, { instanceId: t.instance.id }, async (tx) => {
    const rows = await listVisibleGroups(tx, t.instance.id, t.membership.userId, {
      seeAll: isAdministrator(t.membership),
      guest: t.membership.role === 'guest',
      mine: filter === 'mine',
      archived: filter === 'archived',
    });
    return rows.map((g) => {
      const actor: GroupActor = { membership: t.membership, groupRole: g.myRole, invited: g.myRequest === 'invitation' };
      return presentGroup(g, actor, g.myRequest);
    });
  });
}

export async function readGroup(s: Services, t: TenantContext, groupId: string) {
  return inTransaction(s.pool, { instanceId: t.instance.id }, async (tx) => {
    const { group, actor } = await loadGroup(tx, t, groupId);
    const pending = await findGroupRequest(tx, groupId, t.membership.userId);
    return presentGroup(group, actor, pending?.kind ?? null);
  });
}

export async function readGroupMembers(s: Services, t: TenantContext, groupId: string) {
  return inTransaction(s.pool, { instanceId: t.instance.id }, async (tx) => {
    const { group, actor } = await loadGroup(tx, t, groupId);
    // Those who manage the members (instance administrators too) must be able to list them.
    assertAllowed(canReadGroupContent(actor, group) || canManageGroup(actor), 'Join this group to see its members.');
    return (await listGroupMembers(tx, groupId)).map(presentGroupMember);
  });
}

export async function readGroupRequests(s: Services, t: TenantContext, groupId: string) {
  return inTransaction(s.pool, { instanceId: t.instance.id }, async (tx) => {
    const { actor } = await loadGroup(tx, t, groupId);
    assertAllowed(canManageGroup(actor), 'Only group administrators see pending requests.');
    return (await listGroupRequests(tx, groupId)).map(presentGroupRequest);
  });
}
