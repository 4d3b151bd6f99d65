// /i/:slug/notifications: every notification, or only the unread ones.
import { useSearchParams } from 'react-router';
import { TabLinks } from '../../components/tab-links';
import { useT } from '../../i18n/i18n-context';
import { NotificationList } from './notification-list';

export function NotificationsPage() {
  const t = useT();
  const [params] = useSearchParams();
  const unreadOnly = params.get('filter') === 'unread';

  return (
    <div className="page page-feed">
      <h1>{t('notifications.title')}</h1>
      <TabLinks
        label={t('notifications.filterLabel')}
        tabs={[
          { to: '?', label: t('notifications.filterAll'), current: !unreadOnly },
          { to: '?filter=unread', label: t('notifications.filterUnread'), current: unreadOnly },
        ]}
      />
      <section className="card">
        <NotificationList unreadOnly={unreadOnly} />
      </section>
    </div>
  );
}
