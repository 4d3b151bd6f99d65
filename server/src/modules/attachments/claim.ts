// Claiming attachments from the transaction that creates a post, comment or
// message. Kept apart from actions.ts, which reads posts and conversations,
// so that the feed and chat can import it without an import cycle.
import { AppError } from '../../errors.ts';
import type { Tx } from '../../db/transaction.ts';
import type { TenantContext } from '../../http/context.ts';
import { claimAttachments, type AttachTarget } from './queries.ts';

export async function claim(tx: Tx, t: TenantContext, ids: string[] | undefined, target: AttachTarget): Promise<void> {
  if (!ids || ids.length === 0) return;
  const claimed = await claimAttachments(tx, t.instance.id, t.membership.userId, ids, target);
  if (claimed !== ids.length) {
    throw new AppError(400, 'invalid_attachment', 'An attachment is unknown, not yours, or already attached elsewhere: upload it again.');
  }
}
