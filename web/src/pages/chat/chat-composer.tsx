// Writing a message: Enter sends, Shift+Enter starts a new line, "@" offers
// people to mention (the feed composer's autocomplete: the source gets
// <@userId>). The box grows with the text, and each keystroke tells the
// others I am typing (the realtime client throttles it).
import { useId, useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { MESSAGE_MAX_LENGTH } from '../../api/chat-types';
import { useT } from '../../i18n/i18n-context';
import { mentionComboboxProps, MentionSuggestions } from '../feed/composer/mention-suggestions';
import { mentionedUserIds } from '../feed/composer/mention-tokens';
import { useMentionAutocomplete } from '../feed/composer/use-mention-autocomplete';
import { useMentionLoader } from '../feed/composer/use-mention-loader';

interface ChatComposerProps {
  label: string;
  placeholder: string;
  onSend: (body: string) => void;
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
  const [value, setValue] = useState('');
  const textarea = useRef<HTMLTextAreaElement>(null);
  const loadCandidates = useMentionLoader();
  const mentions = useMentionAutocomplete(textarea, value, setValue, loadCandidates);
  const listId = `${id}-mentions`;
  const hintId = `${id}-hint`;
  const over = value.length > MESSAGE_MAX_LENGTH;
  const mentioned = mentionedUserIds(value);

  // Grow with the text, up to a limit, then scroll.
  useLayoutEffect(() => {
    const box = textarea.current;
    if (!box) return;
    box.style.height = 'auto';
    box.style.height = `${Math.min(box.scrollHeight + 2, MAX_HEIGHT_PX)}px`;
  }, [value]);

  function send(event?: FormEvent) {
    event?.preventDefault();
    if (value.trim() === '' || over) return;
    onSend(value);
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
    <form className="chat-composer" onSubmit={send} aria-label={label}>
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
      <button type="submit" className="button button-primary chat-send" disabled={value.trim() === '' || over}>
        {t('chat.send')}
      </button>
      <p id={hintId} className={over ? 'chat-composer-hint field-invalid' : 'chat-composer-hint'}>
        {over
          ? t('composer.tooLong', { count: value.length, max: MESSAGE_MAX_LENGTH })
          : mentioned.length > 0
            ? t('composer.mentioning', {
                names: mentioned.map((userId) => mentions.names[userId] ?? names.get(userId) ?? t('composer.unknownPerson')).join(', '),
              })
            : t('chat.composerHint')}
      </p>
    </form>
  );
}
