// The state of a conversation's timeline as a pure reducer (useTimeline
// runs it). The timeline holds a window of top-level messages: usually the
// latest ones, live; after a jump to a message further up, a window that
// stops short of the latest ("detached"). Live messages past a detached
// window wait in `ahead` instead of being shown after the wrong message;
// pages of newer messages join them up, and once a page reaches the latest
// message the window is live again. The latest page itself is always live
// (see 'loaded').
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
  /** The latest page, asked for as such; `missing` when it stands in for a message that could not be shown. */
  | { type: 'loaded'; page: MessagePage; missing?: boolean }
  /** The page around a message jumped to. */
  | { type: 'jumped'; page: MessagePage; target: JumpTarget }
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

/** A new window from a page: what was loading for the old one is dropped (its answers are stale). */
function newWindow(state: TimelineState, page: MessagePage, target: JumpTarget | null, missing: boolean) {
  return { ...state, status: 'ready' as const, error: null, hasMoreBefore: page.hasMoreBefore, loadingOlder: false, loadingNewer: false, waiting: [], target, missing };
}

/**
 * The window made of the latest messages, live: `items` and, past them,
 * every message that arrived live while the page was on its way (in the old
 * window, waiting past it, or waiting for a first page).
 */
function liveWindow(state: TimelineState, page: MessagePage): Pick<TimelineState, 'messages' | 'hasMoreAfter' | 'ahead'> {
  const items = topLevel(page.items);
  const oldest = items[0]?.seq ?? 0;
  const newest = lastSeqOf(items);
  const arrived = [...state.messages, ...state.ahead].filter((message) => message.seq > newest);
  // What came while a first page loaded is as recent as the page or more: it wins, as it would have
  // once the page was in (updates of messages above the window excepted, see 'received').
  const waited = state.waiting.filter((message) => message.seq >= oldest || !page.hasMoreBefore);
  return { messages: mergeMessages(items, [...arrived, ...waited]), hasMoreAfter: false, ahead: [] };
}

export function reduceTimeline(state: TimelineState, action: TimelineAction): TimelineState {
  switch (action.type) {
    case 'loaded':
      // The latest page is live whatever its hasMoreAfter says. The server lists the page and then
      // asks whether newer messages exist in two statements, each seeing what was committed when it
      // began: a message committed in between (the one just sent, when sending brought this page)
      // is not in the page, yet makes it say "more after". Taken for a window further up, that page
      // left the message out for good, with nothing below to load it. Every message committed after
      // the page was listed comes live instead (its event follows its commit, and the stream replays
      // or resets after a reconnect): kept here if it came first, merged in when it comes later.
      return { ...newWindow(state, action.page, null, action.missing ?? false), ...liveWindow(state, action.page) };
    case 'jumped': {
      const base = newWindow(state, action.page, action.target, false);
      // Around a message among the latest ones: live at once.
      if (!action.page.hasMoreAfter) return { ...base, ...liveWindow(state, action.page) };
      const items = topLevel(action.page.items);
      // Opened further up: what arrived live while the first page loaded waits past the window
      // (the pages of newer messages bring everything else, holes included).
      const oldest = items[0]?.seq ?? 0;
      const newest = lastSeqOf(items);
      const inside = state.waiting.filter((message) => message.seq >= oldest && message.seq <= newest);
      const past = state.waiting.filter((message) => message.seq > newest);
      return { ...base, messages: mergeMessages(items, inside), hasMoreAfter: true, ahead: keepAhead(past) };
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
