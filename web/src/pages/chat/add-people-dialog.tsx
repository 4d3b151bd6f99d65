// Adding people to a group conversation, picked from the directory.
import { useState, type FormEvent } from 'react';
import { addConversationMembers } from '../../api/chat';
import type { ChatPerson, Conversation } from '../../api/chat-types';
import { FormError } from '../../components/form-error';
import { ModalDialog } from '../../components/modal-dialog';
import { SubmitButton } from '../../components/submit-button';
import { useAction } from '../../hooks/use-action';
import { useT } from '../../i18n/i18n-context';
import { useChatInbox } from './chat-inbox-context';
import { PeoplePicker } from './people-picker';

export function AddPeopleDialog({ conversation, me, slug }: { conversation: Conversation; me: string; slug: string }) {
  const t = useT();
  const { upsert } = useChatInbox();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<ChatPerson[]>([]);
  const action = useAction(() => addConversationMembers(slug, conversation.id, chosen.map((person) => person.id)));

  function close() {
    setOpen(false);
    setChosen([]);
    action.clearError();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const updated = await action.run();
    if (!updated) return;
    upsert(updated);
    close();
  }

  return (
    <>
      <button type="button" className="button button-quiet" onClick={() => setOpen(true)}>
        {t('chat.addPeople')}
      </button>
      <ModalDialog open={open} title={t('chat.addPeople')} onClose={close}>
        <form className="form" onSubmit={submit} aria-label={t('chat.addPeople')}>
          <FormError error={action.error} />
          <PeoplePicker slug={slug} me={me} chosen={chosen} onChange={setChosen} excluded={conversation.members.map((member) => member.id)} />
          <SubmitButton pending={action.pending} disabled={chosen.length === 0}>
            {t('chat.addPeopleSubmit')}
          </SubmitButton>
        </form>
      </ModalDialog>
    </>
  );
}
