// The frame of every page under /i/:slug: it loads the instance (and the
// user's role in it), shows why it cannot when it cannot, and otherwise lays
// out the header, the module sidebar and the page.
import { useEffect, useMemo } from 'react';
import { Outlet, useParams } from 'react-router';
import { fetchInstance } from '../../api/instances';
import { AppFrame } from '../../components/app-frame';
import { FormError } from '../../components/form-error';
import { InstanceSwitcher } from '../../components/instance-switcher';
import { Loading } from '../../components/loading';
import { useResource } from '../../hooks/use-resource';
import { useT } from '../../i18n/i18n-context';
import { useSession } from '../../session/session-context';
import { RealtimeProvider } from '../../realtime/realtime-provider';
import { ChatInboxProvider } from '../chat/chat-inbox-provider';
import { MyGroupsProvider } from '../groups/my-groups-provider';
import { NotificationBell } from '../notifications/notification-bell';
import { NotificationsProvider } from '../notifications/notifications-provider';
import { SearchLauncher } from '../search/search-launcher';
import { InstanceContext, type InstanceValue } from './instance-context';
import { classifyInstanceFailure } from './instance-failure';
import { InstanceNav } from './instance-nav';
import { InstanceUnavailable } from './instance-unavailable';

// While the instance cannot be used, profile and settings links point to the
// account pages outside it.
const OUTSIDE_INSTANCE = '';

export function InstanceLayout() {
  const t = useT();
  const { slug = '' } = useParams();
  const { refreshSession } = useSession();
  const { resource, reload, update } = useResource(() => fetchInstance(slug), slug);

  const failure = resource.status === 'error' ? classifyInstanceFailure(resource.error) : null;
  useEffect(() => {
    // The session ended on the server: learning it sends us to sign-in.
    if (failure === 'signed-out') void refreshSession();
  }, [failure, refreshSession]);

  const context = useMemo<InstanceValue | null>(
    () =>
      resource.status === 'ready'
        ? {
            instance: resource.data,
            replaceInstance: (next) => update(() => next),
            reloadInstance: reload,
          }
        : null,
    [resource, update, reload],
  );

  if (resource.status === 'loading' || failure === 'signed-out') {
    return <AppFrame accountBase={OUTSIDE_INSTANCE} content={<Loading />} />;
  }
  if (resource.status === 'error') {
    const content =
      failure === 'other' || failure === null ? (
        <div className="page">
          <FormError error={resource.error} />
          <button type="button" className="button button-secondary" onClick={reload}>
            {t('common.retry')}
          </button>
        </div>
      ) : (
        <InstanceUnavailable reason={failure} />
      );
    return <AppFrame accountBase={OUTSIDE_INSTANCE} content={content} />;
  }

  const instance = resource.data;
  const switcher = <InstanceSwitcher current={instance} />;
  if (instance.status === 'suspended') {
    return (
      <AppFrame
        accountBase={OUTSIDE_INSTANCE}
        headerStart={switcher}
        content={<InstanceUnavailable reason="suspended" />}
      />
    );
  }
  return (
    <InstanceContext.Provider value={context}>
      {/* Keyed by instance: another instance is another connection and another inbox. */}
      <RealtimeProvider key={instance.slug} slug={instance.slug}>
        <MyGroupsProvider slug={instance.slug}>
          <NotificationsProvider slug={instance.slug}>
            <ChatInboxProvider slug={instance.slug}>
              <AppFrame
                accountBase={`/i/${instance.slug}`}
                headerStart={switcher}
                headerEnd={
                  <>
                    <SearchLauncher />
                    <NotificationBell />
                  </>
                }
                sidebar={<InstanceNav instance={instance} />}
                content={<Outlet />}
              />
            </ChatInboxProvider>
          </NotificationsProvider>
        </MyGroupsProvider>
      </RealtimeProvider>
    </InstanceContext.Provider>
  );
}
