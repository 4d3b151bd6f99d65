// Turns messages into the rows the timeline shows: a day separator when the
// day changes, the "new" line before the first unread message, and whether
// each message follows the same author's closely (shown compact).
import type { Message } from '../../api/chat-types';
import type { PendingMessage } from './use-outbox';

/** Messages of one author this close together read as one block. */
const GROUP_WITHIN_MS = 5 * 60 * 1000;

export type TimelineRow =
  | { kind: 'day'; key: string; iso: string }
  | { kind: 'unread'; key: string }
  | { kind: 'message'; key: string; message: Message; compact: boolean }
  | { kind: 'pending'; key: string; item: PendingMessage; compact: boolean };

function dayOf(iso: string): string {
  const date = new Date(iso);
  return `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
}

export function timelineRows(messages: readonly Message[], pending: readonly PendingMessage[], me: string, firstUnreadSeq: number | null): TimelineRow[] {
  const rows: TimelineRow[] = [];
  let previous: { author: string; at: string; deleted: boolean } | null = null;
  let day = '';
  const follow = (author: string, at: string) => {
    const close = previous !== null && !previous.deleted && previous.author === author && Date.parse(at) - Date.parse(previous.at) < GROUP_WITHIN_MS;
    return close;
  };
  const startDay = (iso: string) => {
    if (dayOf(iso) === day) return;
    day = dayOf(iso);
    rows.push({ kind: 'day', key: `day-${day}`, iso });
    previous = null;
  };

  for (const message of messages) {
    startDay(message.createdAt);
    if (firstUnreadSeq !== null && message.seq === firstUnreadSeq) {
      rows.push({ kind: 'unread', key: 'unread' });
      previous = null;
    }
    rows.push({ kind: 'message', key: message.id, message, compact: follow(message.author.id, message.createdAt) });
    previous = { author: message.author.id, at: message.createdAt, deleted: message.deletedAt !== null };
  }
  for (const item of pending) {
    startDay(item.createdAt);
    rows.push({ kind: 'pending', key: item.clientId, item, compact: follow(me, item.createdAt) });
    previous = { author: me, at: item.createdAt, deleted: false };
  }
  return rows;
}

/** "Today", "Yesterday", or the date. */
export function dayLabel(iso: string, locale: string, today: string, yesterday: string): string {
  const date = new Date(iso);
  const now = new Date();
  if (dayOf(iso) === dayOf(now.toISOString())) return today;
  now.setDate(now.getDate() - 1);
  if (dayOf(iso) === dayOf(now.toISOString())) return yesterday;
  return new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: date.getFullYear() === now.getFullYear() ? undefined : 'numeric' }).format(date);
}
