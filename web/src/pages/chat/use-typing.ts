// Who is typing in a conversation: a `typing` frame from someone shows them
// for a few seconds (senders repeat it every 2 s while they type); their
// message, or silence, takes them off.
import { useEffect, useState } from 'react';
import { conversationStream } from '../../realtime/protocol';
import { useStream } from '../../realtime/use-stream';

const SHOWN_FOR_MS = 5000;

export function useTyping(conversationId: string, me: string): string[] {
  const [until, setUntil] = useState<ReadonlyMap<string, number>>(new Map());

  useStream(conversationStream(conversationId), {
    onTyping: (userId) => {
      if (userId === me) return;
      setUntil((known) => new Map(known).set(userId, Date.now() + SHOWN_FOR_MS));
    },
    onEvent: (event) => {
      if (event.name !== 'message.created') return;
      const author = event.data.message.author.id;
      setUntil((known) => {
        if (!known.has(author)) return known;
        const next = new Map(known);
        next.delete(author);
        return next;
      });
    },
  });

  // Forget people when their time is up.
  useEffect(() => {
    if (until.size === 0) return;
    const soonest = Math.min(...until.values());
    const timer = window.setTimeout(() => {
      const now = Date.now();
      setUntil((known) => new Map([...known].filter(([, end]) => end > now)));
    }, Math.max(0, soonest - Date.now()) + 50);
    return () => window.clearTimeout(timer);
  }, [until]);

  return [...until.keys()];
}
