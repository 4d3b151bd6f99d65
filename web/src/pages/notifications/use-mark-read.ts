// Marking notifications read, one (when opened) or all, keeping the shared
// unread count in step with what the server answers.
import { useCallback } from 'react';
import { markNotificationsRead } from '../../api/notifications';
import type { AppNotification } from '../../api/notification-types';
import { useInstance } from '../instance/instance-context';
import { useNotifications } from './notifications-context';

export function useMarkRead(onMarked?: (ids: string[] | 'all') => void) {
  const { instance } = useInstance();
  const { setUnreadCount } = useNotifications();
  const slug = instance.slug;

  const markOne = useCallback(
    (notification: AppNotification) => {
      if (notification.read) return;
      onMarked?.([notification.id]);
      markNotificationsRead(slug, { ids: [notification.id] }).then(
        (result) => setUnreadCount(result.unreadCount),
        () => {
          // The next poll corrects the count.
        },
      );
    },
    [slug, setUnreadCount, onMarked],
  );

  const markAll = useCallback(async () => {
    const result = await markNotificationsRead(slug, { all: true });
    setUnreadCount(result.unreadCount);
    onMarked?.('all');
  }, [slug, setUnreadCount, onMarked]);

  return { markOne, markAll };
}
