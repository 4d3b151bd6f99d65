// Editing one of my messages in place: Enter saves, Shift+Enter starts a new
// line, Escape cancels.
import { useState, type FormEvent } from 'react';
import { editMessage } from '../../api/chat';
import { MESSAGE_MAX_LENGTH, type Message } from '../../api/chat-types';
import { FormError } from '../../components/form-error';
import { SubmitButton } from '../../components/submit-button';
import { useAction } from '../../hooks/use-action';
import { useT } from '../../i18n/i18n-context';
import { useConversation } from './conversation-context';

export function MessageEditForm({ message, onDone }: { message: Message; onDone: () => void }) {
  const t = useT();
  const { slug, conversation, changed } = useConversation();
  const [body, setBody] = useState(message.body);
  const action = useAction((text: string) => editMessage(slug, conversation.id, message.id, text));
  const invalid = body.trim() === '' || body.length > MESSAGE_MAX_LENGTH;

  async function save(event?: FormEvent) {
    event?.preventDefault();
    if (invalid) return;
    if (body === message.body) return onDone();
    const saved = await action.run(body);
    if (!saved) return;
    changed(saved);
    onDone();
  }

  return (
    <form className="message-edit" onSubmit={save} aria-label={t('chat.editTitle')}>
      <FormError error={action.error} />
      <textarea
        aria-label={t('chat.editTitle')}
        value={body}
        rows={Math.min(8, body.split('\n').length + 1)}
        autoFocus
        onFocus={(event) => event.currentTarget.setSelectionRange(body.length, body.length)}
        onChange={(event) => setBody(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            onDone();
          } else if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            void save();
          }
        }}
      />
      <div className="button-row">
        <SubmitButton pending={action.pending} pendingLabel={t('common.saving')} disabled={invalid}>
          {t('common.save')}
        </SubmitButton>
        <button type="button" className="button button-quiet" onClick={onDone}>
          {t('common.cancel')}
        </button>
        <span className="muted chat-edit-hint">{t('chat.editHint')}</span>
      </div>
    </form>
  );
}
