// Attachments: upload (pending), attach a drive file, discard a pending one,
// claim them from a new post, comment or message, and the permission check
// of every read: an attachment is readable by whoever can read what it is
// attached to, at the moment of the request (a left conversation, a deleted
// message, a group one no longer belongs to: 404). A pending one is its
// uploader's only.
import type { Readable } from 'node:stream';
import { AppError, notFound } from '../../errors.ts';
import { inTransaction, type Tx } from '../../db/transaction.ts';
import type { TenantContext } from '../../http/context.ts';
import type { Services } from '../../services.ts';
import { loadConversation } from '../chat/actions.ts';
import { loadItem } from '../drive/access.ts';
import { chargeStoredContent, commitContent, stageContent, withStaged } from '../drive/content.ts';
import { cleanName } from '../drive/names.ts';
import { loadPost } from '../feed/actions.ts';
import { deletePending, findAttachment, insertAttachment, type AttachmentRecord } from './queries.ts';

const scope = (t: TenantContext) => ({ instanceId: t.instance.id, userId: t.membership.userId });
export const attachmentNotFound = () => notFound('No such attachment.');

export async function uploadAttachment(s: Services, t: TenantContext, rawName: string, body: Readable, declared?: number): Promise<string> {
  const name = cleanName(rawName);
  const staged = await stageContent(s, t, body, name, declared);
  return withStaged(s, staged, () => inTransaction(s.pool, scope(t), async (tx) => {
    await commitContent(s, tx, t, staged);
    return insertAttachment(tx, { instanceId: t.instance.id, uploadedBy: t.membership.userId, name, sha256: staged.sha256, size: staged.size, mediaType: staged.mediaType });
  }));
}

/** A drive file the actor can open, as a pending attachment: same blob, nothing stored again. */
export async function attachFromDrive(s: Services, t: TenantContext, itemId: string): Promise<string> {
  return inTransaction(s.pool, scope(t), async (tx) => {
    const { item } = await loadItem(tx, t, itemId);
    if (item.kind !== 'file' || !item.sha256 || !item.mediaType) throw new AppError(400, 'not_a_file', 'Only files can be attached.');
    await chargeStoredContent(s, tx, t, { sha256: item.sha256, size: item.size });
    return insertAttachment(tx, { instanceId: t.instance.id, uploadedBy: t.membership.userId, name: item.name, sha256: item.sha256, size: item.size, mediaType: item.mediaType });
  });
}

export async function discardAttachment(s: Services, t: TenantContext, attachmentId: string): Promise<void> {
  await inTransaction(s.pool, scope(t), async (tx) => {
    if (!(await deletePending(tx, t.instance.id, attachmentId, t.membership.userId))) throw attachmentNotFound();
  });
}

/** The attachment if the actor may read it now, else 404. */
export async function loadAttachment(tx: Tx, t: TenantContext, attachmentId: string): Promise<AttachmentRecord> {
  const attachment = await findAttachment(tx, t.instance.id, attachmentId);
  if (!attachment) throw attachmentNotFound();
  const hidden = (error: unknown) => {
    if (error instanceof AppError && error.status === 404) throw attachmentNotFound();
    throw error;
  };
  if (attachment.postId) await loadPost(tx, t, attachment.postId).catch(hidden);
  else if (attachment.commentPostId) await loadPost(tx, t, attachment.commentPostId).catch(hidden);
  else if (attachment.conversationId) {
    await loadConversation(tx, t, attachment.conversationId).catch(hidden);
    if (attachment.messageDeleted) throw attachmentNotFound();
  } else if (attachment.uploadedBy !== t.membership.userId) throw attachmentNotFound();
  return attachment;
}
