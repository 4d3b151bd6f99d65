// The scrolling timeline of a conversation: older pages load by themselves
// when the top comes into view (a button too, for keyboards), days are
// separated, the first unread message is marked, and "Jump to latest"
// appears once scrolled away from the bottom.
import { useEffect, useRef, type ReactNode } from 'react';
import type { Message } from '../../api/chat-types';
import { useLocale, useT } from '../../i18n/i18n-context';
import { MessageItem } from './message-item';
import { PendingMessageItem } from './pending-message-item';
import { dayLabel, timelineRows } from './timeline-rows';
import type { PendingMessage } from './use-outbox';
import { useStickToBottom } from './use-stick-to-bottom';

interface MessageListProps {
  label: string;
  messages: Message[];
  pending: PendingMessage[];
  me: string;
  hasMoreBefore: boolean;
  loadingOlder: boolean;
  onLoadOlder: () => void;
  firstUnreadSeq: number | null;
  editingId: string | null;
  onEditingChange: (messageId: string | null) => void;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
  inThread?: boolean;
  /** Shown under the last message (read receipts). */
  footer?: ReactNode;
  /** Shown above the first message when the whole history is loaded. */
  beginning?: ReactNode;
}

export function MessageList(props: MessageListProps) {
  const { messages, pending, me, hasMoreBefore, loadingOlder, onLoadOlder, inThread = false } = props;
  const t = useT();
  const { locale } = useLocale();
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLOListElement>(null);
  const top = useRef<HTMLDivElement>(null);
  const rows = timelineRows(messages, pending, me, props.firstUnreadSeq);
  const lastPending = pending[pending.length - 1];
  const lastKey = lastPending?.clientId ?? messages[messages.length - 1]?.id;
  const lastIsMine = lastPending !== undefined || messages[messages.length - 1]?.author.id === me;
  const scroll = useStickToBottom(scroller, content, messages[0]?.id, lastKey, lastIsMine);

  // Load the page before when the top of the timeline shows.
  const onLoadOlderRef = useRef(onLoadOlder);
  useEffect(() => {
    onLoadOlderRef.current = onLoadOlder;
  });
  const firstId = messages[0]?.id;
  useEffect(() => {
    const sentinel = top.current;
    if (!sentinel || !hasMoreBefore || loadingOlder || !('IntersectionObserver' in window)) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) onLoadOlderRef.current();
      },
      { root: scroller.current, rootMargin: '200px 0px 0px 0px' },
    );
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [hasMoreBefore, loadingOlder, firstId]);

  return (
    <div className="message-scroll-wrap">
      <div className="message-scroll" ref={scroller} onScroll={scroll.onScroll}>
        <div ref={top} className="timeline-top">
          {hasMoreBefore ? (
            <button type="button" className="button button-quiet" disabled={loadingOlder} onClick={onLoadOlder}>
              {loadingOlder ? t('common.loading') : t('chat.loadOlder')}
            </button>
          ) : (
            props.beginning
          )}
        </div>
        <ol className="message-list" ref={content} aria-label={props.label}>
          {rows.map((row) => {
            switch (row.kind) {
              case 'day':
                return (
                  <li key={row.key} className="day-separator" role="separator">
                    <span>{dayLabel(row.iso, locale, t('chat.today'), t('chat.yesterday'))}</span>
                  </li>
                );
              case 'unread':
                return (
                  <li key={row.key} className="unread-separator" role="separator">
                    <span>{t('chat.newMessages')}</span>
                  </li>
                );
              case 'message':
                return (
                  <MessageItem
                    key={row.key}
                    message={row.message}
                    compact={row.compact}
                    inThread={inThread}
                    editing={props.editingId === row.message.id}
                    onEditingChange={(editing) => props.onEditingChange(editing ? row.message.id : null)}
                  />
                );
              case 'pending':
                return <PendingMessageItem key={row.key} item={row.item} compact={row.compact} onRetry={props.onRetry} onDiscard={props.onDiscard} />;
            }
          })}
        </ol>
        {props.footer}
      </div>
      {(scroll.far || scroll.unseen) && (
        <button type="button" className="button button-secondary jump-to-latest" onClick={scroll.toBottom}>
          {scroll.unseen ? t('chat.newBelow') : t('chat.jumpToLatest')} ↓
        </button>
      )}
    </div>
  );
}
