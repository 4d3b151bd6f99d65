// Writing a message: Enter sends, Shift+Enter starts a new line, "@" offers
// people to mention (the feed composer's autocomplete: the source gets
// <@userId>). The box grows with the text, and each keystroke tells the
// others I am typing (the realtime client throttles it). Files attach with
// the paperclip, by dropping them on the composer or pasting an image; a
// message may be files alone. It cannot go while a file is still uploading.
import { useId, useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Attachment } from '../../api/attachment-types';
import { MESSAGE_MAX_LENGTH } from '../../api/chat-types';
import { AttachButton } from '../../components/attachments/attach-button';
import { PendingAttachments } from '../../components/attachments/pending-attachments';
import { useAttachmentUploads } from '../../components/attachments/use-attachment-uploads';
import { useFileDrop } from '../../components/attachments/use-file-drop';
import { useT } from '../../i18n/i18n-context';
import { mentionComboboxProps, MentionSuggestions } from '../feed/composer/mention-suggestions';
import { mentionedUserIds } from '../feed/composer/mention-tokens';
import { useMentionAutocomplete } from '../feed/composer/use-mention-autocomplete';
import { useMentionLoader } from '../feed/composer/use-mention-loader';
import { useInstance } from '../instance/instance-context';

interface ChatComposerProps {
  label: string;
  placeholder: string;
  /** Text (may be blank when there are attachments) and the uploaded attachments, in order. */
  onSend: (body: string, attachments: Attachment[]) => void;
  /** Called on each change while there is text, and with false once it is sent or cleared. */
  onTyping: (typing: boolean) => void;
  /** Names already known (the members), to show who a message mentions. */
  names: ReadonlyMap<string, string>;
  autoFocus?: boolean;
  /** Up arrow in an empty box: edit my last message. */
  onEditLast?: () => void;
}

const MAX_HEIGHT_PX = 200;

export function ChatComposer({ label, placeholder, onSend, onTyping, names, autoFocus, onEditLast }: ChatComposerProps) {
  const t = useT();
  const id = useId();
  const { instance } = useInstance();
  const [value, setValue] = useState('');
  const uploads = useAttachmentUploads(instance.slug);
  const drop = useFileDrop(uploads.add);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const loadCandidates = useMentionLoader();
  const mentions = useMentionAutocomplete(textarea, value, setValue, loadCandidates);
  const listId = `${id}-mentions`;
  const hintId = `${id}-hint`;
  const over = value.length > MESSAGE_MAX_LENGTH;
  const mentioned = mentionedUserIds(value);
  const empty = value.trim() === '' && uploads.ready.length === 0;
  const blocked = empty || over || uploads.uploading;
  let hint = t('chat.composerHint');
  if (over) hint = t('composer.tooLong', { count: value.length, max: MESSAGE_MAX_LENGTH });
  else if (uploads.uploading) hint = t('attachments.waitForUploads');
  else if (mentioned.length > 0) {
    const mentionedNames = mentioned.map((userId) => mentions.names[userId] ?? names.get(userId) ?? t('composer.unknownPerson'));
    hint = t('composer.mentioning', { names: mentionedNames.join(', ') });
  }

  // Grow with the text, up to a limit, then scroll.
  useLayoutEffect(() => {
    const box = textarea.current;
    if (!box) return;
    box.style.height = 'auto';
    box.style.height = `${Math.min(box.scrollHeight + 2, MAX_HEIGHT_PX)}px`;
  }, [value]);

  function send(event?: FormEvent) {
    event?.preventDefault();
    if (blocked) return;
    onSend(value, uploads.ready);
    uploads.handOff();
    onTyping(false);
    setValue('');
    mentions.update('', 0);
    textarea.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (mentions.onKeyDown(event)) return;
    // While an input method composes a character, Enter confirms it.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    } else if (event.key === 'ArrowUp' && value === '' && onEditLast) {
      event.preventDefault();
      onEditLast();
    }
  }

  return (
    <form
      className={drop.dragging ? 'chat-composer attachments-drop-target' : 'chat-composer'}
      onSubmit={send}
      aria-label={label}
      data-drop-hint={t('attachments.dropHere')}
      {...drop.handlers}
    >
      <PendingAttachments uploads={uploads} />
      <AttachButton uploads={uploads} iconOnly />
      <div className="composer-box">
        <label htmlFor={id} className="visually-hidden">
          {label}
        </label>
        <textarea
          id={id}
          ref={textarea}
          rows={1}
          value={value}
          placeholder={placeholder}
          autoFocus={autoFocus}
          aria-describedby={hintId}
          aria-invalid={over || undefined}
          {...mentionComboboxProps(listId, mentions)}
          onChange={(event) => {
            setValue(event.target.value);
            mentions.update(event.target.value, event.target.selectionStart);
            onTyping(event.target.value !== '');
          }}
          onKeyDown={onKeyDown}
        />
        {mentions.open && (
          <MentionSuggestions
            id={listId}
            label={t('composer.suggestions')}
            suggestions={mentions.suggestions}
            activeIndex={mentions.activeIndex}
            onPick={mentions.pick}
          />
        )}
      </div>
      <button type="submit" className="button button-primary chat-send" disabled={blocked}>
        {t('chat.send')}
      </button>
      <p id={hintId} className={over ? 'chat-composer-hint field-invalid' : 'chat-composer-hint'}>
        {hint}
      </p>
    </form>
  );
}
