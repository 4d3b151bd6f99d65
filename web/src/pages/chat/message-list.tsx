// The scrolling timeline of a conversation: older pages load by themselves
// when the top comes into view (a button too, for keyboards), days are
// separated, the first unread message is marked, and "Jump to latest"
// appears once scrolled away from the bottom. Opened at a message (a jump),
// it shows that message highlighted; while the window stops short of the
// latest messages, newer pages load at the bottom the same way, and what I
// am sending, the read receipts and "Jump to latest" wait for the latest
// messages (the button fetches them).
import { useState, useRef, type ReactNode } from 'react';
import type { Message } from '../../api/chat-types';
import { useLocale, useT } from '../../i18n/i18n-context';
import { MessageItem } from './message-item';
import { PendingMessageItem } from './pending-message-item';
import { dayLabel, timelineRows } from './timeline-rows';
import type { PendingMessage } from './use-outbox';
import { useLoadOnView } from './use-load-on-view';
import { useStickToBottom } from './use-stick-to-bottom';

interface MessageListProps {
  label: string;
  messages: Message[];
  pending: PendingMessage[];
  me: string;
  hasMoreBefore: boolean;
  loadingOlder: boolean;
  onLoadOlder: () => void;
  /** The window stops short of the latest messages (opened at one further up). */
  hasMoreAfter?: boolean;
  loadingNewer?: boolean;
  onLoadNewer?: () => void;
  /** Replaces the window with the latest messages. */
  onJumpToLatest?: () => void;
  /** The message a jump opened at: a new object for each jump. */
  target?: { id: string } | null;
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
  const { messages, me, hasMoreBefore, loadingOlder, onLoadOlder, hasMoreAfter = false, loadingNewer = false, target = null, inThread = false } = props;
  const t = useT();
  const { locale } = useLocale();
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLOListElement>(null);
  const top = useRef<HTMLDivElement>(null);
  const bottom = useRef<HTMLDivElement>(null);
  // What I send goes after the latest message, which a detached window does not show.
  const pending = hasMoreAfter ? [] : props.pending;
  const rows = timelineRows(messages, pending, me, props.firstUnreadSeq);
  const lastPending = pending[pending.length - 1];
  const firstId = messages[0]?.id;
  const lastId = messages[messages.length - 1]?.id;
  const lastKey = lastPending?.clientId ?? lastId;
  const lastIsMine = lastPending !== undefined || messages[messages.length - 1]?.author.id === me;
  const scroll = useStickToBottom(scroller, content, { firstKey: firstId, lastKey, forceOnLast: lastIsMine, detached: hasMoreAfter, target });

  // The message jumped to is highlighted until its animation ends; each jump highlights it again.
  const [highlight, setHighlight] = useState<{ target: object | null; on: boolean }>({ target: null, on: false });
  if (target !== highlight.target) setHighlight({ target, on: target !== null });

  useLoadOnView(top, scroller, 'top', hasMoreBefore && !loadingOlder, firstId, onLoadOlder);
  useLoadOnView(bottom, scroller, 'bottom', hasMoreAfter && !loadingNewer, lastId, props.onLoadNewer ?? (() => undefined));
  const detachedJump = hasMoreAfter && props.onJumpToLatest;

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
                    jumpedTo={target?.id === row.message.id}
                    highlighted={highlight.on && target?.id === row.message.id}
                    onHighlightEnd={() => setHighlight({ target, on: false })}
                  />
                );
              case 'pending':
                return <PendingMessageItem key={row.key} item={row.item} compact={row.compact} onRetry={props.onRetry} onDiscard={props.onDiscard} />;
            }
          })}
        </ol>
        {hasMoreAfter ? (
          <div ref={bottom} className="timeline-bottom">
            <button type="button" className="button button-quiet" disabled={loadingNewer} onClick={props.onLoadNewer}>
              {loadingNewer ? t('common.loading') : t('chat.loadNewer')}
            </button>
          </div>
        ) : (
          props.footer
        )}
      </div>
      {(detachedJump || scroll.far || scroll.unseen) && (
        <button type="button" className="button button-secondary jump-to-latest" onClick={detachedJump || scroll.toBottom}>
          {scroll.unseen && !hasMoreAfter ? t('chat.newBelow') : t('chat.jumpToLatest')} ↓
        </button>
      )}
    </div>
  );
}
