// Messages I am sending: shown at once as pending, confirmed by the server's
// answer (or by the live event, if the answer was lost), marked failed when
// the server could not be reached, and sent again on request or by
// themselves when the connection comes back. The same clientId is reused,
// so a retry never makes a duplicate.
import { useCallback, useEffect, useRef, useState } from 'react';
import { sendMessage } from '../../api/chat';
import type { Message } from '../../api/chat-types';
import { ApiError } from '../../api/problem';
import { conversationStream } from '../../realtime/protocol';
import { useOnReconnect, useStream } from '../../realtime/use-stream';
import { newClientId } from './client-id';

export interface PendingMessage {
  clientId: string;
  body: string;
  parentId: string | null;
  createdAt: string;
  status: 'sending' | 'failed';
  error: unknown;
}

/** A failure that may pass by itself: no network, or a server in trouble. */
function isTransient(error: unknown): boolean {
  return !(error instanceof ApiError) || error.status === 0 || error.status >= 500 || error.status === 429;
}

export function useOutbox(slug: string, conversationId: string, me: string, onSent: (message: Message) => void) {
  const [pending, setPending] = useState<PendingMessage[]>([]);
  const latestOnSent = useRef(onSent);
  useEffect(() => {
    latestOnSent.current = onSent;
  });
  const inFlight = useRef(new Set<string>());

  const confirm = useCallback((clientId: string) => {
    setPending((items) => items.filter((item) => item.clientId !== clientId));
  }, []);

  const post = useCallback(
    (item: PendingMessage) => {
      if (inFlight.current.has(item.clientId)) return;
      inFlight.current.add(item.clientId);
      setPending((items) => items.map((other) => (other.clientId === item.clientId ? { ...other, status: 'sending', error: null } : other)));
      sendMessage(slug, conversationId, { body: item.body, clientId: item.clientId, parentId: item.parentId })
        .then(
          (message) => {
            confirm(item.clientId);
            latestOnSent.current(message);
          },
          (error: unknown) => {
            setPending((items) => items.map((other) => (other.clientId === item.clientId ? { ...other, status: 'failed', error } : other)));
          },
        )
        .finally(() => inFlight.current.delete(item.clientId));
    },
    [slug, conversationId, confirm],
  );

  const send = useCallback(
    (body: string, parentId: string | null = null) => {
      const item: PendingMessage = { clientId: newClientId(), body, parentId, createdAt: new Date().toISOString(), status: 'sending', error: null };
      setPending((items) => [...items, item]);
      post(item);
    },
    [post],
  );

  const retry = useCallback(
    (clientId: string) => {
      const item = pending.find((other) => other.clientId === clientId);
      if (item) post(item);
    },
    [pending, post],
  );

  // The live event of my own message stands for a lost answer.
  useStream(conversationStream(conversationId), {
    onEvent: (event) => {
      if (event.name !== 'message.created') return;
      const { message } = event.data;
      if (message.author.id === me && message.clientId) confirm(message.clientId);
    },
  });

  const pendingRef = useRef(pending);
  useEffect(() => {
    pendingRef.current = pending;
  });
  const retryTransient = useCallback(() => {
    for (const item of pendingRef.current) if (item.status === 'failed' && isTransient(item.error)) post(item);
  }, [post]);
  useOnReconnect(retryTransient);
  useEffect(() => {
    window.addEventListener('online', retryTransient);
    return () => window.removeEventListener('online', retryTransient);
  }, [retryTransient]);

  return { pending, send, retry, discard: confirm };
}
