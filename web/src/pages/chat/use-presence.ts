// Who among the people I talk with directly is online: asked when that set
// changes, every minute while the tab is visible, and after a reconnect.
import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchPresence } from '../../api/chat';

const POLL_MS = 60_000;

export function usePresence(slug: string, userIds: string[]) {
  const [online, setOnline] = useState<ReadonlySet<string>>(new Set());
  const key = [...new Set(userIds)].sort().join(',');
  const latest = useRef(0);

  const refresh = useCallback(() => {
    if (!key) return;
    const request = ++latest.current;
    fetchPresence(slug, key.split(',')).then(
      (answer) => {
        if (request === latest.current) setOnline(new Set(answer.online));
      },
      () => undefined,
    );
  }, [slug, key]);

  useEffect(() => {
    refresh();
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') refresh();
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [refresh]);

  const isOnline = useCallback((userId: string) => online.has(userId), [online]);
  return { isOnline, refresh };
}
