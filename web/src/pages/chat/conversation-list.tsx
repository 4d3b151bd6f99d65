// My conversations, most recent activity first: the left column of the chat
// page, with an empty state that says how to start one.
import type { Conversation } from '../../api/chat-types';
import { FormError } from '../../components/form-error';
import { LoadMore } from '../../components/load-more';
import { Loading } from '../../components/loading';
import { useT } from '../../i18n/i18n-context';
import { useChatInbox } from './chat-inbox-context';
import { ConversationListItem } from './conversation-list-item';

export function ConversationList({ me, slug }: { me: string; slug: string }) {
  const t = useT();
  const inbox = useChatInbox();
  if (inbox.status === 'loading') return <Loading />;
  if (inbox.status === 'error') return <FormError error={inbox.error} />;
  if (inbox.conversations.length === 0) return <p className="muted chat-list-empty">{t('chat.listEmpty')}</p>;

  const sections: { label: string; items: Conversation[] }[] = [
    { label: t('chat.section.direct'), items: inbox.conversations.filter((c) => c.kind !== 'room') },
    { label: t('chat.section.rooms'), items: inbox.conversations.filter((c) => c.kind === 'room') },
  ];
  return (
    <nav className="conversation-list" aria-label={t('chat.listLabel')}>
      {sections
        .filter((section) => section.items.length > 0)
        .map((section) => (
          <section key={section.label}>
            <h2 className="conversation-section">{section.label}</h2>
            <ul>
              {section.items.map((conversation) => (
                <ConversationListItem key={conversation.id} conversation={conversation} me={me} slug={slug} />
              ))}
            </ul>
          </section>
        ))}
      <LoadMore hasMore={inbox.hasMore} loading={inbox.loadingMore} onLoadMore={inbox.loadMore} automatic />
    </nav>
  );
}
