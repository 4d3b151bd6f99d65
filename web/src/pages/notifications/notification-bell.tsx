// The bell in the header: the unread count, and a panel with the latest
// notifications, "mark all read" and a link to the full list.
import { Link } from 'react-router';
import { Dropdown } from '../../components/dropdown';
import { Icon } from '../../components/icon';
import { useLocale, useT } from '../../i18n/i18n-context';
import { pluralForm } from '../../i18n/plural';
import { useInstance } from '../instance/instance-context';
import { NotificationList } from './notification-list';
import { useNotifications } from './notifications-context';

const PANEL_SIZE = 8;

export function NotificationBell() {
  const t = useT();
  const { locale } = useLocale();
  const { instance } = useInstance();
  const { unreadCount } = useNotifications();
  const label = t(`notifications.bellLabel.${pluralForm(locale, unreadCount)}`, { count: unreadCount });

  return (
    <Dropdown
      align="end"
      buttonLabel={label}
      panelClassName="notification-panel"
      button={
        <span className="bell">
          <Icon name="bell" />
          {unreadCount > 0 && (
            <span className="bell-count" data-testid="notification-count">
              {unreadCount > 99 ? '99+' : unreadCount}
            </span>
          )}
        </span>
      }
    >
      {(close) => (
        <div className="notification-panel-body">
          <NotificationList pageSize={PANEL_SIZE} compact onNavigate={close} />
          <Link className="notification-panel-all" to={`/i/${instance.slug}/notifications`} onClick={close}>
            {t('notifications.seeAll')}
          </Link>
        </div>
      )}
    </Dropdown>
  );
}
