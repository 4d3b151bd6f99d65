// Notifying people: other actions call notify() inside their own transaction,
// so a notification exists exactly when the thing it announces does; the
// realtime event goes out after commit.
import type { Tx } from '../../db/transaction.ts';
import { emit } from '../../realtime/stream-log.ts';
import type { Services } from '../../services.ts';
import { insertNotifications, markRead, type NewNotification } from './queries.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { TenantContext } from '../../http/context.ts';

export async function notify(s: Services, tx: Tx, n: NewNotification): Promise<void> {
  const created = await insertNotifications(tx, n);
  // Inbox heads are locked in user id order, so two actions notifying the same people never deadlock.
  for (const { id, userId } of created.sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0))) {
    await emit(s, tx, { type: 'notification.created', instanceId: n.instanceId, stream: `inbox:${userId}`, data: { notificationId: id, kind: n.kind } });
  }
}

export async function markNotificationsRead(s: Services, t: TenantContext, ids: string[] | null): Promise<number> {
  return inTransaction(s.pool, { instanceId: t.instance.id }, (tx) => markRead(tx, t.instance.id, t.membership.userId, ids));
}
