// One thread: its first message and the replies, loaded over HTTP and kept
// live from the conversation's stream (the same subscription the timeline
// uses). After a (re)subscription or a reset it is read again, whole.
import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchThread } from '../../api/chat';
import type { Message } from '../../api/chat-types';
import { conversationStream } from '../../realtime/protocol';
import { useStream } from '../../realtime/use-stream';
import { lastSeqOf, mergeMessages } from './message-merge';

/** A thread longer than this many pages shows its beginning. */
const MAX_PAGES = 10;

interface ThreadState {
  root: Message | null;
  replies: Message[];
  status: 'loading' | 'ready' | 'error';
  error: unknown;
}

export function useThread(slug: string, conversationId: string, rootId: string) {
  const [state, setState] = useState<ThreadState>({ root: null, replies: [], status: 'loading', error: null });
  const generation = useRef(0);

  const load = useCallback(() => {
    const request = ++generation.current;
    const readAll = async () => {
      let page = await fetchThread(slug, conversationId, rootId);
      const replies = [...page.items];
      for (let pages = 1; page.hasMore && pages < MAX_PAGES; pages += 1) {
        page = await fetchThread(slug, conversationId, rootId, lastSeqOf(replies));
        replies.push(...page.items);
      }
      return { root: page.root, replies };
    };
    readAll().then(
      (thread) => {
        if (request !== generation.current) return;
        // Replies that arrived live while loading stay.
        setState((known) => ({ root: thread.root, replies: mergeMessages(thread.replies, known.replies), status: 'ready', error: null }));
      },
      (error: unknown) => {
        if (request === generation.current) setState((known) => ({ ...known, status: known.root ? 'ready' : 'error', error }));
      },
    );
  }, [slug, conversationId, rootId]);

  const received = useCallback(
    (message: Message) => {
      if (message.id === rootId) setState((known) => ({ ...known, root: message }));
      else if (message.parentId === rootId) setState((known) => ({ ...known, replies: mergeMessages(known.replies, [message]) }));
    },
    [rootId],
  );

  useStream(conversationStream(conversationId), {
    onEvent: (event) => {
      if (event.name === 'message.created' || event.name === 'message.updated') received(event.data.message);
    },
    onReset: load,
    onSubscribed: load,
  });
  useEffect(load, [load]);

  return { ...state, received, reload: load };
}
