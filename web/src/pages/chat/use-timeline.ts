// The messages of one conversation (thread replies live in their thread):
// the latest page first, or the page around a message jumped to; older
// pages when scrolled up, newer ones when scrolled down from a jump; live
// events merged in as they come (timeline-state.ts says where they go).
// Events that arrive while a page loads wait for it; after the subscription
// is (re)confirmed the timeline catches up from its last seq, and a `reset`
// reloads it, so a gap never stays. Below a detached window there is nothing
// to catch up: the pages of newer messages bring whatever was missed.
//
// Those decisions are taken outside the reducer, on realtime callbacks and
// clicks: they read the state as the actions already dispatched left it (a
// mirror kept in step with each one), not as the last render showed it, and
// they know which window is on its way (the latest page, or the page around
// a message), since its answer will replace what is shown.
import { useCallback, useEffect, useRef, useState } from 'react';
import { listMessages } from '../../api/chat';
import type { Message, MessagePage } from '../../api/chat-types';
import { ApiError } from '../../api/problem';
import { conversationStream } from '../../realtime/protocol';
import { useStream } from '../../realtime/use-stream';
import { lastSeqOf } from './message-merge';
import { INITIAL_TIMELINE, reduceTimeline, type JumpTarget, type TimelineAction, type TimelineState } from './timeline-state';

/** A request to open the timeline at a message; a new object for each request. */
export interface JumpRequest {
  messageId: string;
}

type Found = { found: true; target: JumpTarget; page: MessagePage } | { found: false };

/** A window asked for: the latest page, or the page around a message. */
type Asked = { latest: true; missing: boolean } | { latest: false; messageId: string };

export function useTimeline(slug: string, conversationId: string, jump: JumpRequest | null = null) {
  const [state, setState] = useState<TimelineState>(INITIAL_TIMELINE);
  const current = useRef(INITIAL_TIMELINE);
  const dispatch = useCallback((action: TimelineAction) => {
    current.current = reduceTimeline(current.current, action);
    setState(current.current);
  }, []);
  // Each window asked for is a new generation: the answers to what was asked before it are dropped.
  const generation = useRef(0);
  const asked = useRef<{ what: Asked; onItsWay: boolean } | null>(null);

  const ask = useCallback((what: Asked) => {
    asked.current = { what, onItsWay: true };
    return ++generation.current;
  }, []);
  /** The answer to the window asked for last, if `request` is still that one. */
  const answered = useCallback(
    (request: number, action: TimelineAction) => {
      if (request !== generation.current) return;
      if (asked.current) asked.current = { ...asked.current, onItsWay: false };
      dispatch(action);
    },
    [dispatch],
  );

  /** The latest page; `missing` when it stands in for a message that could not be shown. */
  const loadLatest = useCallback(
    (missing = false) => {
      const request = ask({ latest: true, missing });
      listMessages(slug, conversationId).then(
        (page) => answered(request, { type: 'loaded', page, missing }),
        (error: unknown) => answered(request, { type: 'failed', error }),
      );
    },
    [slug, conversationId, ask, answered],
  );

  const loadAround = useCallback(
    (messageId: string) => {
      const request = ask({ latest: false, messageId });
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
          if (result.found) answered(request, { type: 'jumped', page: result.page, target: result.target });
          else loadLatest(true);
        },
        (error: unknown) => {
          if (request !== generation.current) return;
          if (error instanceof ApiError && error.status === 404) loadLatest(true);
          else answered(request, { type: 'failed', error });
        },
      );
    },
    [slug, conversationId, ask, answered, loadLatest],
  );

  /** Asks for what came after the last message shown; too much reloads the latest page. */
  const catchUp = useCallback(() => {
    const now = current.current;
    if (now.status !== 'ready' || now.hasMoreAfter) return;
    const request = generation.current;
    listMessages(slug, conversationId, { after: lastSeqOf(now.messages) }).then(
      (page) => {
        if (request !== generation.current) return;
        if (page.hasMoreAfter) loadLatest();
        else dispatch({ type: 'received', messages: page.items });
      },
      () => undefined,
    );
  }, [slug, conversationId, dispatch, loadLatest]);

  const onReset = useCallback(() => {
    const last = asked.current;
    // Below a detached window the pages of newer messages bring what was missed.
    if (current.current.status === 'ready' && current.current.hasMoreAfter && !last?.onItsWay) return;
    // A window on its way (or that never came) is asked again: its answer may predate what was missed.
    // A latest page that stands in for a missing message keeps saying so.
    if (last && (last.onItsWay || current.current.status !== 'ready')) {
      if (last.what.latest) loadLatest(last.what.missing);
      else loadAround(last.what.messageId);
    } else {
      loadLatest();
    }
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

  const loadOlder = useCallback(() => {
    const now = current.current;
    const oldestSeq = now.messages[0]?.seq;
    if (now.loadingOlder || !now.hasMoreBefore || oldestSeq === undefined) return;
    const request = generation.current;
    dispatch({ type: 'loadingOlder' });
    listMessages(slug, conversationId, { before: oldestSeq }).then(
      (page) => request === generation.current && dispatch({ type: 'older', before: oldestSeq, page }),
      (error: unknown) => request === generation.current && dispatch({ type: 'failed', error }),
    );
  }, [slug, conversationId, dispatch]);

  const loadNewer = useCallback(() => {
    const now = current.current;
    if (now.loadingNewer || !now.hasMoreAfter) return;
    const newestSeq = lastSeqOf(now.messages);
    const request = generation.current;
    dispatch({ type: 'loadingNewer' });
    listMessages(slug, conversationId, { after: newestSeq }).then(
      (page) => request === generation.current && dispatch({ type: 'newer', after: newestSeq, page }),
      (error: unknown) => request === generation.current && dispatch({ type: 'failed', error }),
    );
  }, [slug, conversationId, dispatch]);

  /**
   * Straight to the latest messages ("Jump to latest", or sending): from a
   * detached window, or instead of a jump still on its way; nothing when
   * they show already or are on their way.
   */
  const jumpToLatest = useCallback(() => {
    const last = asked.current;
    if (last?.onItsWay ? !last.what.latest : current.current.hasMoreAfter) loadLatest();
  }, [loadLatest]);
  const dismissMissing = useCallback(() => dispatch({ type: 'missingSeen' }), [dispatch]);

  /** A message the server answered to me (sent, edited, reacted to). */
  const received = useCallback((message: Message) => dispatch({ type: 'received', messages: [message] }), [dispatch]);

  return { ...state, loadOlder, loadNewer, jumpToLatest, dismissMissing, received };
}
