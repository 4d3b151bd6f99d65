// The state of a conversation's timeline as a pure reducer (useTimeline
// runs it). The timeline holds a window of top-level messages: usually the
// latest ones, live; after a jump to a message further up, a window that
// stops short of the latest ("detached"). Live messages past a detached
// window wait in `ahead` instead of being shown after the wrong message;
// pages of newer messages join them up, and once a page reaches the latest
// message the window is live again.
import type { Message, MessagePage } from '../../api/chat-types';
import { lastSeqOf, mergeMessages } from './message-merge';

/** The message a jump brought into view; a new object for each jump. */
export interface JumpTarget {
  /** In the timeline: the message, or the first message of the reply's thread. */
  id: string;
  /** The thread reply asked for, when it was one. */
  replyId: string | null;
}

export interface TimelineState {
  messages: Message[];
  status: 'loading' | 'ready' | 'error';
  error: unknown;
  hasMoreBefore: boolean;
  /** Newer messages exist than the window shows: it was opened further up. */
  hasMoreAfter: boolean;
  loadingOlder: boolean;
  loadingNewer: boolean;
  /** Live messages received while the first page loads. */
  waiting: Message[];
  /** Live messages past a detached window, the latest kept (see AHEAD_KEPT). */
  ahead: Message[];
  target: JumpTarget | null;
  /** The message asked for is gone or out of reach: the latest ones show instead. */
  missing: boolean;
}

export type TimelineAction =
  | { type: 'loaded'; page: MessagePage; target?: JumpTarget | null; missing?: boolean }
  | { type: 'older'; before: number; page: MessagePage }
  | { type: 'newer'; after: number; page: MessagePage }
  | { type: 'loadingOlder' }
  | { type: 'loadingNewer' }
  | { type: 'failed'; error: unknown }
  | { type: 'received'; messages: Message[] }
  | { type: 'missingSeen' };

export const INITIAL_TIMELINE: TimelineState = {
  messages: [],
  status: 'loading',
  error: null,
  hasMoreBefore: false,
  hasMoreAfter: false,
  loadingOlder: false,
  loadingNewer: false,
  waiting: [],
  ahead: [],
  target: null,
  missing: false,
};

/**
 * Only the messages that arrive while the last page of newer ones is on its
 * way need keeping (the pages bring everything older, holes included): a
 * busy room does not fill the memory of a reader who stays up in its history.
 */
const AHEAD_KEPT = 200;

const topLevel = (messages: readonly Message[]) => messages.filter((message) => message.parentId === null);

function keepAhead(messages: Message[]): Message[] {
  return messages.length > AHEAD_KEPT ? messages.slice(-AHEAD_KEPT) : messages;
}

export function reduceTimeline(state: TimelineState, action: TimelineAction): TimelineState {
  switch (action.type) {
    case 'loaded': {
      const items = topLevel(action.page.items);
      const newest = lastSeqOf(items);
      // Pages asked for before are dropped (their answers are stale): nothing is loading any more.
      const base = { ...state, status: 'ready' as const, error: null, hasMoreBefore: action.page.hasMoreBefore, loadingOlder: false, loadingNewer: false, waiting: [], target: action.target ?? null, missing: action.missing ?? false };
      if (action.page.hasMoreAfter) {
        // Opened further up: what arrived live meanwhile waits past the window.
        const oldest = items[0]?.seq ?? 0;
        const inside = state.waiting.filter((message) => message.seq >= oldest && message.seq <= newest);
        const past = state.waiting.filter((message) => message.seq > newest);
        return { ...base, messages: mergeMessages(items, inside), hasMoreAfter: true, ahead: keepAhead(past) };
      }
      // The latest page (also a reload after a reset) keeps what arrived live while it ran.
      const arrived = [...state.messages, ...state.ahead].filter((message) => message.seq > newest);
      return { ...base, messages: mergeMessages(items, [...arrived, ...state.waiting]), hasMoreAfter: false, ahead: [] };
    }
    case 'older':
      // A page asked for before the window changed (a jump, a reload) does not join it.
      if (state.messages[0]?.seq !== action.before) return { ...state, loadingOlder: false };
      return {
        ...state,
        messages: mergeMessages(state.messages, topLevel(action.page.items)),
        hasMoreBefore: action.page.hasMoreBefore,
        loadingOlder: false,
      };
    case 'newer': {
      if (!state.hasMoreAfter || lastSeqOf(state.messages) !== action.after) return { ...state, loadingNewer: false };
      const messages = mergeMessages(state.messages, topLevel(action.page.items));
      const reached = action.page.hasMoreAfter ? lastSeqOf(messages) : Number.POSITIVE_INFINITY;
      return {
        ...state,
        // What waited comes in once the window reaches it: the latest version of each.
        messages: mergeMessages(messages, state.ahead.filter((message) => message.seq <= reached)),
        ahead: state.ahead.filter((message) => message.seq > reached),
        hasMoreAfter: action.page.hasMoreAfter,
        loadingNewer: false,
      };
    }
    case 'loadingOlder':
      return { ...state, loadingOlder: true };
    case 'loadingNewer':
      return { ...state, loadingNewer: true };
    case 'failed':
      return { ...state, status: state.status === 'ready' ? 'ready' : 'error', error: action.error, loadingOlder: false, loadingNewer: false };
    case 'received': {
      const incoming = topLevel(action.messages);
      if (state.status !== 'ready') return { ...state, waiting: mergeMessages(state.waiting, incoming) };
      // Updates of messages further up than the pages loaded are not ours to show.
      const oldest = state.messages[0]?.seq ?? 0;
      const known = new Set(state.messages.map((message) => message.id));
      const relevant = incoming.filter((message) => known.has(message.id) || message.seq > oldest || !state.hasMoreBefore);
      if (!state.hasMoreAfter) return { ...state, messages: mergeMessages(state.messages, relevant) };
      const newest = lastSeqOf(state.messages);
      return {
        ...state,
        messages: mergeMessages(state.messages, relevant.filter((message) => message.seq <= newest)),
        ahead: keepAhead(mergeMessages(state.ahead, relevant.filter((message) => message.seq > newest))),
      };
    }
    case 'missingSeen':
      return { ...state, missing: false };
  }
}
