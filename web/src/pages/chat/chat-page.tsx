// /i/:slug/chat: my conversations on the left, the open one (or a prompt to
// pick one) on the right. On a narrow screen one of the two shows at a time.
import { Outlet, useMatch } from 'react-router';
import { EmptyState } from '../../components/empty-state';
import { useT } from '../../i18n/i18n-context';
import { useSession } from '../../session/session-context';
import { useInstance } from '../instance/instance-context';
import { ConnectionNotice } from './connection-notice';
import { ConversationList } from './conversation-list';
import { DesktopNotificationsToggle } from './desktop-notifications-toggle';
import { NewConversationDialog } from './new-conversation-dialog';

export function ChatPage() {
  const t = useT();
  const { instance } = useInstance();
  const me = useSession().user?.id ?? '';
  const open = useMatch('/i/:slug/chat/:conversationId') !== null;

  return (
    <div className={open ? 'chat-page chat-page-open' : 'chat-page'}>
      <aside className="chat-sidebar">
        <div className="chat-sidebar-head">
          <h1>{t('chat.title')}</h1>
          <NewConversationDialog slug={instance.slug} me={me} />
        </div>
        <ConnectionNotice />
        <ConversationList me={me} slug={instance.slug} />
        <div className="chat-sidebar-foot">
          <DesktopNotificationsToggle />
        </div>
      </aside>
      <section className="chat-main">
        <Outlet />
      </section>
    </div>
  );
}

export function ChatHome() {
  const t = useT();
  return (
    <EmptyState icon="chat" title={t('chat.homeTitle')}>
      <p>{t('chat.homeBody')}</p>
    </EmptyState>
  );
}
