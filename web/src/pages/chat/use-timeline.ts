// The messages of one conversation (thread replies live in their thread):
// the latest page first, older pages when scrolled up, live events merged in
// as they come. Events that arrive while a page loads wait for it; after
// the subscription is (re)confirmed the timeline catches up from its last
// seq, and a `reset` reloads it, so a gap never stays.
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { listMessages } from '../../api/chat';
import type { Message, MessagePage } from '../../api/chat-types';
import { conversationStream } from '../../realtime/protocol';
import { useStream } from '../../realtime/use-stream';
import { lastSeqOf, mergeMessages } from './message-merge';

interface TimelineState {
  messages: Message[];
  status: 'loading' | 'ready' | 'error';
  error: unknown;
  hasMoreBefore: boolean;
  loadingOlder: boolean;
  /** Live messages received while the first page loads. */
  waiting: Message[];
}

type TimelineAction =
  | { type: 'loaded'; page: MessagePage }
  | { type: 'older'; page: MessagePage }
  | { type: 'loadingOlder' }
  | { type: 'failed'; error: unknown }
  | { type: 'received'; messages: Message[] };

const INITIAL: TimelineState = { messages: [], status: 'loading', error: null, hasMoreBefore: false, loadingOlder: false, waiting: [] };

const topLevel = (messages: readonly Message[]) => messages.filter((message) => message.parentId === null);

function reduce(state: TimelineState, action: TimelineAction): TimelineState {
  switch (action.type) {
    case 'loaded': {
      // A reload (after a reset) keeps what arrived live while it ran.
      const newest = lastSeqOf(action.page.items);
      const arrived = state.messages.filter((message) => message.seq > newest);
      return {
        ...state,
        messages: mergeMessages(topLevel(action.page.items), [...arrived, ...state.waiting]),
        status: 'ready',
        error: null,
        hasMoreBefore: action.page.hasMoreBefore,
        waiting: [],
      };
    }
    case 'older':
      return {
        ...state,
        messages: mergeMessages(state.messages, topLevel(action.page.items)),
        hasMoreBefore: action.page.hasMoreBefore,
        loadingOlder: false,
      };
    case 'loadingOlder':
      return { ...state, loadingOlder: true };
    case 'failed':
      return { ...state, status: state.status === 'ready' ? 'ready' : 'error', error: action.error, loadingOlder: false };
    case 'received': {
      const incoming = topLevel(action.messages);
      if (state.status !== 'ready') return { ...state, waiting: mergeMessages(state.waiting, incoming) };
      // Updates of messages further up than the pages loaded are not ours to show.
      const oldest = state.messages[0]?.seq ?? 0;
      const known = new Set(state.messages.map((message) => message.id));
      const relevant = incoming.filter((message) => known.has(message.id) || message.seq > oldest || !state.hasMoreBefore);
      return { ...state, messages: mergeMessages(state.messages, relevant) };
    }
  }
}

export function useTimeline(slug: string, conversationId: string) {
  const [state, dispatch] = useReducer(reduce, INITIAL);
  const generation = useRef(0);
  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
  });

  const load = useCallback(() => {
    const request = ++generation.current;
    listMessages(slug, conversationId).then(
      (page) => request === generation.current && dispatch({ type: 'loaded', page }),
      (error: unknown) => request === generation.current && dispatch({ type: 'failed', error }),
    );
  }, [slug, conversationId]);

  /** Asks for what came after the last message shown; too much reloads the latest page. */
  const catchUp = useCallback(() => {
    const current = stateRef.current;
    if (current.status !== 'ready') return;
    const request = generation.current;
    listMessages(slug, conversationId, { after: lastSeqOf(current.messages) }).then(
      (page) => {
        if (request !== generation.current) return;
        if (page.hasMoreAfter) load();
        else dispatch({ type: 'received', messages: page.items });
      },
      () => undefined,
    );
  }, [slug, conversationId, load]);

  // Listen first, then load: nothing sent in between is lost.
  useStream(conversationStream(conversationId), {
    onEvent: (event) => {
      if (event.name === 'message.created' || event.name === 'message.updated') {
        dispatch({ type: 'received', messages: [event.data.message] });
      }
    },
    onReset: load,
    onSubscribed: catchUp,
  });
  useEffect(load, [load]);

  const { loadingOlder, hasMoreBefore, messages } = state;
  const oldestSeq = messages[0]?.seq;
  const loadOlder = useCallback(() => {
    if (loadingOlder || !hasMoreBefore || oldestSeq === undefined) return;
    const request = generation.current;
    dispatch({ type: 'loadingOlder' });
    listMessages(slug, conversationId, { before: oldestSeq }).then(
      (page) => request === generation.current && dispatch({ type: 'older', page }),
      (error: unknown) => request === generation.current && dispatch({ type: 'failed', error }),
    );
  }, [slug, conversationId, loadingOlder, hasMoreBefore, oldestSeq]);

  /** A message the server answered to me (sent, edited, reacted to). */
  const received = useCallback((message: Message) => dispatch({ type: 'received', messages: [message] }), []);

  return { ...state, loadOlder, received, reload: load };
}
