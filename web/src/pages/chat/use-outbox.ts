// Messages I am sending: shown at once as pending, sent one at a time in the
// order written (so they keep that order on the server), confirmed by the
// server's answer (or by the live event, if the answer was lost). When the
// server cannot be reached the message, and those queued after it, are
// marked failed; they are sent again, in order, on request or by themselves
// when the connection comes back. The same clientId is reused, so a retry
// never makes a duplicate, and the attachments a message carries are claimed
// once, by the message the first successful attempt made. A discarded
// message's attachments are discarded too (unless a message claimed them).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Attachment } from '../../api/attachment-types';
import { discardAttachment } from '../../api/attachments';
import { sendMessage } from '../../api/chat';
import type { Message } from '../../api/chat-types';
import { ApiError } from '../../api/problem';
import { conversationStream } from '../../realtime/protocol';
import { useOnReconnect, useStream } from '../../realtime/use-stream';
import { newClientId } from './client-id';

export interface PendingMessage {
  clientId: string;
  body: string;
  /** Uploaded already (pending on the server until this message claims them). */
  attachments: Attachment[];
  parentId: string | null;
  createdAt: string;
  /** Queued or on its way; or refused / not delivered. */
  status: 'sending' | 'failed';
  error: unknown;
}

/** A failure that may pass by itself: no network, or a server in trouble. */
function isTransient(error: unknown): boolean {
  return !(error instanceof ApiError) || error.status === 0 || error.status >= 500 || error.status === 429;
}

export function useOutbox(slug: string, conversationId: string, me: string, onSent: (message: Message) => void, onRefused: () => void) {
  const [pending, setPending] = useState<PendingMessage[]>([]);
  // The queue itself; the state above mirrors it for rendering.
  const queue = useRef<PendingMessage[]>([]);
  const busy = useRef(false);
  const latestOnSent = useRef(onSent);
  const latestOnRefused = useRef(onRefused);
  useEffect(() => {
    latestOnSent.current = onSent;
    latestOnRefused.current = onRefused;
  });

  const commit = useCallback((next: PendingMessage[]) => {
    queue.current = next;
    setPending(next);
  }, []);

  const confirm = useCallback(
    (clientId: string) => commit(queue.current.filter((item) => item.clientId !== clientId)),
    [commit],
  );

  const pump = useCallback(() => {
    const item = queue.current.find((other) => other.status === 'sending');
    if (busy.current || !item) return;
    busy.current = true;
    const attachmentIds = item.attachments.map((attachment) => attachment.id);
    sendMessage(slug, conversationId, { body: item.body, clientId: item.clientId, parentId: item.parentId, attachmentIds })
      .then(
        (message) => {
          confirm(item.clientId);
          latestOnSent.current(message);
        },
        (error: unknown) => {
          // Cut off from the server, the ones queued behind fail too, keeping their order.
          const index = queue.current.findIndex((other) => other.clientId === item.clientId);
          const transient = isTransient(error);
          if (!transient) latestOnRefused.current();
          commit(
            queue.current.map((other, at) =>
              other.clientId === item.clientId || (transient && at > index && other.status === 'sending')
                ? { ...other, status: 'failed', error }
                : other,
            ),
          );
        },
      )
      .finally(() => {
        busy.current = false;
        pump();
      });
  }, [slug, conversationId, confirm, commit]);

  const send = useCallback(
    (body: string, attachments: Attachment[] = [], parentId: string | null = null) => {
      const item: PendingMessage = { clientId: newClientId(), body, attachments, parentId, createdAt: new Date().toISOString(), status: 'sending', error: null };
      commit([...queue.current, item]);
      pump();
    },
    [commit, pump],
  );

  /** Sends the failed messages again, in order; `clientId` first if it was refused for a reason of its own. */
  const resend = useCallback(
    (which: (item: PendingMessage) => boolean) => {
      commit(queue.current.map((item) => (item.status === 'failed' && which(item) ? { ...item, status: 'sending', error: null } : item)));
      pump();
    },
    [commit, pump],
  );
  const retry = useCallback(
    (clientId: string) => resend((item) => item.clientId === clientId || isTransient(item.error)),
    [resend],
  );
  const retryTransient = useCallback(() => resend((item) => isTransient(item.error)), [resend]);

  // The live event of my own message stands for a lost answer.
  useStream(conversationStream(conversationId), {
    onEvent: (event) => {
      if (event.name !== 'message.created') return;
      const { message } = event.data;
      if (message.author.id === me && message.clientId) confirm(message.clientId);
    },
  });

  useOnReconnect(retryTransient);
  useEffect(() => {
    window.addEventListener('online', retryTransient);
    return () => window.removeEventListener('online', retryTransient);
  }, [retryTransient]);

  const discard = useCallback(
    (clientId: string) => {
      const item = queue.current.find((other) => other.clientId === clientId);
      confirm(clientId);
      // A 404 means a message did claim them after all (an answer lost on the way): nothing to do.
      for (const attachment of item?.attachments ?? []) void discardAttachment(slug, attachment.id).catch(() => undefined);
    },
    [slug, confirm],
  );

  return { pending, send, retry, discard };
}
