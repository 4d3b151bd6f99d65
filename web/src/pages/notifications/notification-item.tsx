// One notification: the sentence (a link to what it is about), when, and
// whether it is unread. Following the link marks it read.
import { Link } from 'react-router';
import type { AppNotification } from '../../api/notification-types';
import { RelativeTime } from '../../components/relative-time';
import { useT } from '../../i18n/i18n-context';
import { useInstance } from '../instance/instance-context';
import { notificationLink, notificationSentence } from './notification-text';

interface NotificationItemProps {
  notification: AppNotification;
  onOpen: (notification: AppNotification) => void;
}

export function NotificationItem({ notification, onOpen }: NotificationItemProps) {
  const t = useT();
  const { instance } = useInstance();
  return (
    <li className={notification.read ? 'notification' : 'notification notification-unread'} data-testid="notification">
      <Link to={notificationLink(notification, instance.slug)} onClick={() => onOpen(notification)}>
        {!notification.read && <span className="visually-hidden">{t('notifications.unread')}: </span>}
        {notificationSentence(notification, t)}
      </Link>
      <span className="notification-time">
        <RelativeTime iso={notification.createdAt} />
      </span>
    </li>
  );
}
