// The messages of one conversation (thread replies live in their thread):
// the latest page first, or the page around a message jumped to; older
// pages when scrolled up, newer ones when scrolled down from a jump; live
// events merged in as they come (timeline-state.ts says where they go).
// Events that arrive while a page loads wait for it; after the subscription
// is (re)confirmed the timeline catches up from its last seq, and a `reset`
// reloads it, so a gap never stays. Below a detached window there is nothing
// to catch up: the pages of newer messages bring whatever was missed.
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { listMessages } from '../../api/chat';
import type { Message, MessagePage } from '../../api/chat-types';
import { ApiError } from '../../api/problem';
import { conversationStream } from '../../realtime/protocol';
import { useStream } from '../../realtime/use-stream';
import { lastSeqOf } from './message-merge';
import { INITIAL_TIMELINE, reduceTimeline, type JumpTarget } from './timeline-state';

/** A request to open the timeline at a message; a new object for each request. */
export interface JumpRequest {
  messageId: string;
}

type Found = { found: true; target: JumpTarget; page: MessagePage } | { found: false };

export function useTimeline(slug: string, conversationId: string, jump: JumpRequest | null = null) {
  const [state, dispatch] = useReducer(reduceTimeline, INITIAL_TIMELINE);
  const generation = useRef(0);
  const stateRef = useRef(state);
  const jumpRef = useRef(jump);
  useEffect(() => {
    stateRef.current = state;
    jumpRef.current = jump;
  });

  /** The latest page; `missing` when it stands in for a message that could not be shown. */
  const loadLatest = useCallback(
    (missing = false) => {
      const request = ++generation.current;
      listMessages(slug, conversationId).then(
        (page) => request === generation.current && dispatch({ type: 'loaded', page, missing }),
        (error: unknown) => request === generation.current && dispatch({ type: 'failed', error }),
      );
    },
    [slug, conversationId],
  );

  const loadAround = useCallback(
    (messageId: string) => {
      const request = ++generation.current;
      const find = async (): Promise<Found> => {
        const page = await listMessages(slug, conversationId, { around: messageId });
        const message = page.items.find((item) => item.id === messageId);
        if (message) return message.deletedAt === null ? { found: true, target: { id: message.id, replyId: null }, page } : { found: false };
        // A thread reply: the page is centred on its thread's first message, the only one of a page of one.
        const [root] = (await listMessages(slug, conversationId, { around: messageId }, 1)).items;
        return root ? { found: true, target: { id: root.id, replyId: messageId }, page } : { found: false };
      };
      find().then(
        (result) => {
          if (request !== generation.current) return;
          if (result.found) dispatch({ type: 'loaded', page: result.page, target: result.target });
          else loadLatest(true);
        },
        (error: unknown) => {
          if (request !== generation.current) return;
          if (error instanceof ApiError && error.status === 404) loadLatest(true);
          else dispatch({ type: 'failed', error });
        },
      );
    },
    [slug, conversationId, loadLatest],
  );

  /** Asks for what came after the last message shown; too much reloads the latest page. */
  const catchUp = useCallback(() => {
    const current = stateRef.current;
    if (current.status !== 'ready' || current.hasMoreAfter) return;
    const request = generation.current;
    listMessages(slug, conversationId, { after: lastSeqOf(current.messages) }).then(
      (page) => {
        if (request !== generation.current) return;
        if (page.hasMoreAfter) loadLatest();
        else dispatch({ type: 'received', messages: page.items });
      },
      () => undefined,
    );
  }, [slug, conversationId, loadLatest]);

  const onReset = useCallback(() => {
    const current = stateRef.current;
    if (current.status === 'ready' && current.hasMoreAfter) return;
    // A jump still on its way is asked again (its answer may predate what was missed).
    if (current.status !== 'ready' && jumpRef.current) loadAround(jumpRef.current.messageId);
    else loadLatest();
  }, [loadAround, loadLatest]);

  // Listen first, then load: nothing sent in between is lost.
  useStream(conversationStream(conversationId), {
    onEvent: (event) => {
      if (event.name === 'message.created' || event.name === 'message.updated') {
        dispatch({ type: 'received', messages: [event.data.message] });
      }
    },
    onReset,
    onSubscribed: catchUp,
  });
  useEffect(() => {
    if (jump) loadAround(jump.messageId);
    else loadLatest();
  }, [jump, loadAround, loadLatest]);

  const { loadingOlder, hasMoreBefore, loadingNewer, hasMoreAfter, messages } = state;
  const oldestSeq = messages[0]?.seq;
  const loadOlder = useCallback(() => {
    if (loadingOlder || !hasMoreBefore || oldestSeq === undefined) return;
    const request = generation.current;
    dispatch({ type: 'loadingOlder' });
    listMessages(slug, conversationId, { before: oldestSeq }).then(
      (page) => request === generation.current && dispatch({ type: 'older', before: oldestSeq, page }),
      (error: unknown) => request === generation.current && dispatch({ type: 'failed', error }),
    );
  }, [slug, conversationId, loadingOlder, hasMoreBefore, oldestSeq]);

  const newestSeq = lastSeqOf(messages);
  const loadNewer = useCallback(() => {
    if (loadingNewer || !hasMoreAfter) return;
    const request = generation.current;
    dispatch({ type: 'loadingNewer' });
    listMessages(slug, conversationId, { after: newestSeq }).then(
      (page) => request === generation.current && dispatch({ type: 'newer', after: newestSeq, page }),
      (error: unknown) => request === generation.current && dispatch({ type: 'failed', error }),
    );
  }, [slug, conversationId, loadingNewer, hasMoreAfter, newestSeq]);

  /** From a detached window, straight to the latest messages. */
  const jumpToLatest = useCallback(() => loadLatest(), [loadLatest]);
  const dismissMissing = useCallback(() => dispatch({ type: 'missingSeen' }), []);

  /** A message the server answered to me (sent, edited, reacted to). */
  const received = useCallback((message: Message) => dispatch({ type: 'received', messages: [message] }), []);

  return { ...state, loadOlder, loadNewer, jumpToLatest, dismissMissing, received };
}
