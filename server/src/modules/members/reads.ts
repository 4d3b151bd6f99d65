// Permission-checked reads of an instance's members.
import { inTransaction } from '../../db/transaction.ts';
import { decodeCursor, paginate } from '../../http/cursor.ts';
import type { TenantContext } from '../../http/context.ts';
import type { Services } from '../../services.ts';
import { assertAllowed, canAdministerInstance } from '../instances/policies.ts';
import { presentMember } from './presenters.ts';
import { listMembersPage } from './queries.ts';

/** One page of members with their emails: for administrators (the people directory will serve members). */
export async function readMembers(s: Services, t: TenantContext, q: { limit?: number | undefined; cursor?: string | undefined }) {
  assertAllowed(canAdministerInstance(t.membership));
  const limit = q.limit ?? 50;
  const after = decodeCursor(q.cursor);
  const rows = await inTransaction(s.pool, { instanceId: t.instance.id }, (tx) => listMembersPage(tx, t.instance.id, limit + 1, after));
  const { page, nextCursor } = paginate(rows, limit, (m) => ({ micros: m.joinedAtMicros, id: m.userId }));
  return { items: page.map(presentMember), nextCursor };
}
