// "New conversation": pick one person for a direct conversation (the one we
// already have is reopened), or several for a group conversation with an
// optional title; then open it.
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { startConversation } from '../../api/chat';
import type { ChatPerson } from '../../api/chat-types';
import { FormError } from '../../components/form-error';
import { ModalDialog } from '../../components/modal-dialog';
import { SubmitButton } from '../../components/submit-button';
import { TextField } from '../../components/text-field';
import { useAction } from '../../hooks/use-action';
import { useT } from '../../i18n/i18n-context';
import { useChatInbox } from './chat-inbox-context';
import { PeoplePicker } from './people-picker';

export function NewConversationDialog({ slug, me }: { slug: string; me: string }) {
  const t = useT();
  const navigate = useNavigate();
  const { upsert } = useChatInbox();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<ChatPerson[]>([]);
  const [title, setTitle] = useState('');
  const action = useAction(() => {
    const [only] = chosen;
    return chosen.length === 1 && only
      ? startConversation(slug, { kind: 'direct', userId: only.id })
      : startConversation(slug, { kind: 'group', userIds: chosen.map((person) => person.id), ...(title.trim() ? { title: title.trim() } : {}) });
  });

  function close() {
    setOpen(false);
    setChosen([]);
    setTitle('');
    action.clearError();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (chosen.length === 0) return;
    const conversation = await action.run();
    if (!conversation) return;
    upsert(conversation);
    close();
    navigate(`/i/${slug}/chat/${conversation.id}`);
  }

  return (
    <>
      <button type="button" className="button button-primary" onClick={() => setOpen(true)}>
        {t('chat.new.open')}
      </button>
      <ModalDialog open={open} title={t('chat.new.title')} onClose={close}>
        <form className="form new-conversation" onSubmit={submit} aria-label={t('chat.new.title')}>
          <FormError error={action.error} />
          <PeoplePicker slug={slug} me={me} chosen={chosen} onChange={setChosen} />
          {chosen.length > 1 && (
            <TextField label={t('chat.new.groupTitle')} hint={t('chat.new.groupTitleHint')} maxLength={100} value={title} onChange={setTitle} />
          )}
          <SubmitButton pending={action.pending} pendingLabel={t('chat.new.starting')} disabled={chosen.length === 0}>
            {chosen.length > 1 ? t('chat.new.startGroup') : t('chat.new.start')}
          </SubmitButton>
        </form>
      </ModalDialog>
    </>
  );
}
