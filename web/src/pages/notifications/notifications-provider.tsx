// Keeps the unread count fresh: on arrival, at once when my inbox stream
// says a notification was created (or after a reconnect), and, as a safety
// net for a connection that cannot be established, every 30 seconds while
// the tab is visible and when the tab comes back.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { listNotifications } from '../../api/notifications';
import { inboxStream } from '../../realtime/protocol';
import { useOnReconnect, useStream } from '../../realtime/use-stream';
import { useSession } from '../../session/session-context';
import { NotificationsContext, type NotificationsValue } from './notifications-context';

export const POLL_INTERVAL_MS = 30_000;

export function NotificationsProvider({ slug, children }: { slug: string; children: ReactNode }) {
  const [unreadCount, setUnreadCount] = useState(0);
  const latest = useRef(0);
  const me = useSession().user?.id ?? null;

  const refresh = useCallback(() => {
    const request = ++latest.current;
    listNotifications(slug, { cursor: null, limit: 1, unreadOnly: true }).then(
      (page) => {
        if (request === latest.current) setUnreadCount(page.unreadCount);
      },
      () => {
        // A missed poll is harmless: the next one tries again.
      },
    );
  }, [slug]);

  useStream(me ? inboxStream(me) : null, {
    onEvent: (event) => {
      if (event.name === 'notification.created') refresh();
    },
    onReset: refresh,
  });
  useOnReconnect(refresh);

  useEffect(() => {
    refresh();
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') refresh();
    }, POLL_INTERVAL_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [refresh]);

  const adopt = useCallback((count: number) => {
    // A poll already in flight must not overwrite what the server just said.
    latest.current += 1;
    setUnreadCount(count);
  }, []);

  const value = useMemo<NotificationsValue>(
    () => ({ unreadCount, refresh, setUnreadCount: adopt }),
    [unreadCount, refresh, adopt],
  );
  return <NotificationsContext.Provider value={value}>{children}</NotificationsContext.Provider>;
}
