// Permission-checked reads of an instance's invitations.
import { inTransaction } from '../../db/transaction.ts';
import type { TenantContext } from '../../http/context.ts';
import type { Services } from '../../services.ts';
import { assertAllowed, canAdministerInstance } from '../instances/policies.ts';
import { presentInvitation } from './presenters.ts';
import { listInvitations } from './queries.ts';

/** The latest 200 invitations, newest first (pending ones are never older than INVITATION_TTL_HOURS). */
export async function readInvitations(s: Services, t: TenantContext) {
  assertAllowed(canAdministerInstance(t.membership));
  const rows = await inTransaction(s.pool, { instanceId: t.instance.id }, (tx) => listInvitations(tx, t.instance.id, 200));
  return rows.map(presentInvitation);
}
