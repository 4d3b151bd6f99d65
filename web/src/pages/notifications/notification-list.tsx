// Notifications newest first with "mark all read": the whole list with
// "load more" on the notifications page, the latest few in the bell's panel.
import { useCallback, useEffect, useRef } from 'react';
import { listNotifications } from '../../api/notifications';
import type { AppNotification } from '../../api/notification-types';
import { FormError } from '../../components/form-error';
import { LoadMore } from '../../components/load-more';
import { Loading } from '../../components/loading';
import { useAction } from '../../hooks/use-action';
import { usePagedList } from '../../hooks/use-paged-list';
import { useT } from '../../i18n/i18n-context';
import { useInstance } from '../instance/instance-context';
import { NotificationItem } from './notification-item';
import { useNotifications } from './notifications-context';
import { useMarkRead } from './use-mark-read';

interface NotificationListProps {
  pageSize?: number;
  /** The bell's panel: one page, no "load more". */
  compact?: boolean;
  unreadOnly?: boolean;
  onNavigate?: () => void;
}

export function NotificationList({ pageSize, compact = false, unreadOnly = false, onNavigate }: NotificationListProps) {
  const t = useT();
  const { instance } = useInstance();
  const { unreadCount } = useNotifications();
  const slug = instance.slug;
  const list = usePagedList(
    (cursor) => listNotifications(slug, { cursor, limit: pageSize, unreadOnly }),
    `notifications-${slug}-${unreadOnly}`,
  );
  const { items, replace } = list;
  const onMarked = useCallback(
    (ids: string[] | 'all') => {
      for (const item of items) {
        if (!item.read && (ids === 'all' || ids.includes(item.id))) replace({ ...item, read: true });
      }
    },
    [items, replace],
  );
  const { markOne, markAll } = useMarkRead(onMarked);
  const markAllAction = useAction(markAll);
  // New notifications arrived (the count went up): show them.
  const seenCount = useRef(unreadCount);
  const { reload } = list;
  useEffect(() => {
    if (unreadCount > seenCount.current) reload();
    seenCount.current = unreadCount;
  }, [unreadCount, reload]);
  const open = (notification: AppNotification) => {
    markOne(notification);
    onNavigate?.();
  };

  return (
    <div className="notification-list-wrap">
      <div className="notification-toolbar">
        <button
          type="button"
          className="button button-quiet"
          disabled={unreadCount === 0 || markAllAction.pending}
          onClick={() => void markAllAction.run()}
        >
          {t('notifications.markAllRead')}
        </button>
      </div>
      <FormError error={markAllAction.error ?? list.error} />
      {list.status === 'loading' && <Loading />}
      {list.status === 'ready' && items.length === 0 && (
        <p className="muted empty-list">{unreadOnly ? t('notifications.emptyUnread') : t('notifications.empty')}</p>
      )}
      {items.length > 0 && (
        <ul className="notification-list" aria-label={t('notifications.title')}>
          {items.map((notification) => (
            <NotificationItem key={notification.id} notification={notification} onOpen={open} />
          ))}
        </ul>
      )}
      {!compact && <LoadMore hasMore={list.hasMore} loading={list.loadingMore} onLoadMore={list.loadMore} />}
    </div>
  );
}
