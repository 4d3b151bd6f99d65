// /i/:slug/chat/:conversationId: finds the conversation (in my list, else
// from the server), then shows it: header, timeline, who is typing, read
// receipts, the composer, and the open thread beside it.
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { fetchConversation } from '../../api/chat';
import { ApiError } from '../../api/problem';
import { EmptyState } from '../../components/empty-state';
import { FormError } from '../../components/form-error';
import { Loading } from '../../components/loading';
import { useT } from '../../i18n/i18n-context';
import { useSession } from '../../session/session-context';
import { useInstance } from '../instance/instance-context';
import { useChatInbox } from './chat-inbox-context';
import { OpenConversation } from './open-conversation';

export function ConversationView() {
  const { conversationId = '' } = useParams();
  return <ConversationLoader key={conversationId} conversationId={conversationId} />;
}

function ConversationLoader({ conversationId }: { conversationId: string }) {
  const t = useT();
  const { instance } = useInstance();
  const me = useSession().user?.id ?? '';
  const inbox = useChatInbox();
  const known = inbox.conversations.find((conversation) => conversation.id === conversationId);
  const [error, setError] = useState<unknown>(null);
  const listLoaded = inbox.status !== 'loading';
  const { upsert } = inbox;

  // Read it afresh on opening (what the list holds may be older: the group
  // archived, people added), showing the listed one meanwhile.
  const isKnown = known !== undefined;
  useEffect(() => {
    if (!listLoaded) return;
    let current = true;
    fetchConversation(instance.slug, conversationId).then(
      (conversation) => current && upsert(conversation),
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [listLoaded, instance.slug, conversationId, upsert]);

  if (isKnown) return <OpenConversation conversation={known} me={me} slug={instance.slug} />;
  if (error instanceof ApiError && (error.status === 404 || error.status === 403)) {
    return (
      <EmptyState
        icon="chat"
        title={t('chat.notFoundTitle')}
        action={
          <Link className="button button-secondary" to={`/i/${instance.slug}/chat`}>
            {t('chat.backToList')}
          </Link>
        }
      >
        <p>{t('chat.notFoundBody')}</p>
      </EmptyState>
    );
  }
  if (error) return <FormError error={error} />;
  return <Loading />;
}
