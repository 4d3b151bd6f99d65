// People sets: a rule on a profile attribute that keeps a group's membership
// in step with profiles ("everyone whose location is Lyon"). The database
// applies it (migration 0006: triggers on profiles, groups and memberships),
// in the same transaction as the change; this module sets and reads the rule.
import { AppError } from '../../errors.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { TenantContext } from '../../http/context.ts';
import type { Services } from '../../services.ts';
import { assertAllowed } from '../instances/policies.ts';
import { listFields } from '../people/queries.ts';
import { loadGroup } from './actions.ts';
import { canManageGroup } from './policies.ts';
import { findPeopleRule, setPeopleRule, type PeopleRule } from './people-set-queries.ts';

export type { PeopleRule };

export async function setPeopleSet(s: Services, t: TenantContext, groupId: string, rule: PeopleRule | null): Promise<void> {
  await inTransaction(s.pool, { instanceId: t.instance.id, userId: t.membership.userId }, async (tx) => {
    const { actor } = await loadGroup(tx, t, groupId);
    assertAllowed(canManageGroup(actor), 'Only group administrators can set a people set.');
    if (rule?.attribute === 'field' && !(await listFields(tx, t.instance.id)).some((f) => f.id === rule.fieldId)) {
      throw new AppError(400, 'unknown_field', 'A rule on a custom field names an existing field in fieldId.');
    }
    await setPeopleRule(tx, groupId, rule && (rule.attribute === 'field' ? rule : { attribute: rule.attribute, value: rule.value }));
  });
}

export async function readPeopleSet(s: Services, t: TenantContext, groupId: string): Promise<PeopleRule | null> {
  return inTransaction(s.pool, { instanceId: t.instance.id }, async (tx) => {
    await loadGroup(tx, t, groupId);
    return findPeopleRule(tx, groupId);
  });
}
