// "Seen by …" under the last message, in conversations small enough to
// have receipts: the members (besides me and the author) whose read marker
// reached it.
import type { Conversation, Message } from '../../api/chat-types';
import { useT } from '../../i18n/i18n-context';

/** Beyond this many names, the rest are counted. */
const NAMED = 3;

export function ReadReceipt({ conversation, message, me, names }: { conversation: Conversation; message: Message | undefined; me: string; names: ReadonlyMap<string, string> }) {
  const t = useT();
  if (!conversation.receipts || !message || message.deletedAt) return null;
  const seenBy = conversation.receipts
    .filter((receipt) => receipt.seq >= message.seq && receipt.userId !== me && receipt.userId !== message.author.id)
    .map((receipt) => names.get(receipt.userId) ?? '…');
  if (seenBy.length === 0) return null;
  const text =
    conversation.kind === 'direct'
      ? t('chat.seen')
      : seenBy.length > NAMED
        ? t('chat.seenByMany', { names: seenBy.slice(0, NAMED).join(', '), count: seenBy.length - NAMED })
        : t('chat.seenBy', { names: seenBy.join(', ') });
  return (
    <p className="read-receipt" data-testid="read-receipt">
      {text}
    </p>
  );
}
