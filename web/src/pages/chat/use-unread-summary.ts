// How many conversations have unread messages, and how many mention me: the
// navigation badge. Asked again shortly after anything that may change it.
import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchUnreadSummary } from '../../api/chat';
import type { UnreadSummary } from '../../api/chat-types';

const SETTLE_MS = 400;

export function useUnreadSummary(slug: string) {
  const [unread, setUnread] = useState<UnreadSummary>({ conversations: 0, mentions: 0 });
  const timer = useRef<number | null>(null);
  const latest = useRef(0);

  const refresh = useCallback(() => {
    const request = ++latest.current;
    fetchUnreadSummary(slug).then(
      (summary) => {
        if (request === latest.current) setUnread(summary);
      },
      () => {
        // The next change or reconnect asks again.
      },
    );
  }, [slug]);

  /** Several events in a row (a burst of messages) make one request. */
  const refreshSoon = useCallback(() => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      timer.current = null;
      refresh();
    }, SETTLE_MS);
  }, [refresh]);

  useEffect(() => {
    refresh();
    return () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
    };
  }, [refresh]);

  /** Shows a change at once (a conversation I just read), before the server confirms it. */
  const adjust = useCallback((change: (summary: UnreadSummary) => UnreadSummary) => {
    latest.current += 1;
    setUnread((summary) => {
      const next = change(summary);
      return { conversations: Math.max(0, next.conversations), mentions: Math.max(0, next.mentions) };
    });
  }, []);

  return { unread, refresh, refreshSoon, adjust };
}
