// Follows the stream of every conversation in my list, so the list (last
// message, unread counts, receipts) stays live on every page. Each stream
// starts from the seq the list was loaded at: nothing in between is lost.
import { useEffect, useRef } from 'react';
import type { Conversation } from '../../api/chat-types';
import { conversationStream, type StreamEvent } from '../../realtime/protocol';
import { useRealtimeClient } from '../../realtime/realtime-context';

export interface ConversationStreamHandlers {
  onEvent: (conversationId: string, event: StreamEvent) => void;
  onReset: (conversationId: string) => void;
  onEnded: (conversationId: string) => void;
}

/** The server allows 200 subscriptions per connection; pages and the inbox need some. */
const MAX_FOLLOWED = 150;

export function useConversationStreams(conversations: Conversation[], handlers: ConversationStreamHandlers): void {
  const client = useRealtimeClient();
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  const followed = useRef(new Map<string, () => void>());
  const wanted = conversations.slice(0, MAX_FOLLOWED);
  const key = wanted.map((conversation) => conversation.id).join(',');
  const seqs = useRef(new Map<string, number>());
  seqs.current = new Map(wanted.map((conversation) => [conversation.id, conversation.lastSeq]));

  useEffect(() => {
    if (!client) return;
    const ids = new Set(key ? key.split(',') : []);
    for (const [id, unsubscribe] of followed.current) {
      if (ids.has(id)) continue;
      unsubscribe();
      followed.current.delete(id);
    }
    for (const id of ids) {
      if (followed.current.has(id)) continue;
      const unsubscribe = client.subscribe(
        conversationStream(id),
        {
          onEvent: (event) => latest.current.onEvent(id, event),
          onReset: () => latest.current.onReset(id),
          onEnded: () => latest.current.onEnded(id),
        },
        seqs.current.get(id) ?? null,
      );
      followed.current.set(id, unsubscribe);
    }
  }, [client, key]);

  useEffect(() => {
    const current = followed.current;
    return () => {
      for (const unsubscribe of current.values()) unsubscribe();
      current.clear();
    };
  }, [client]);
}
