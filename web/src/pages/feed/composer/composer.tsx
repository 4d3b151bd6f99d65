// The text box for posts and comments: Markdown in a textarea, "@" to
// mention someone (the source gets <@userId>, the names are shown below),
// a character counter against the limit, and Ctrl+Enter to send.
import { useId, useRef } from 'react';
import { useLocale, useT } from '../../../i18n/i18n-context';
import type { LoadMentionCandidates } from './mention-source';
import { mentionComboboxProps, MentionSuggestions } from './mention-suggestions';
import { mentionedUserIds } from './mention-tokens';
import { useMentionAutocomplete } from './use-mention-autocomplete';

interface ComposerProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  maxLength: number;
  loadCandidates: LoadMentionCandidates;
  /** Names of people already mentioned in `value` (when editing). */
  knownNames?: Record<string, string>;
  placeholder?: string;
  rows?: number;
  autoFocus?: boolean;
}

export function Composer(props: ComposerProps) {
  const { label, value, onChange, maxLength, loadCandidates, knownNames, placeholder, rows = 3, autoFocus } = props;
  const t = useT();
  const { locale } = useLocale();
  const id = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const mentions = useMentionAutocomplete(textarea, value, onChange, loadCandidates);
  const listId = `${id}-mentions`;
  const counterId = `${id}-counter`;
  const over = value.length > maxLength;
  const names = { ...knownNames, ...mentions.names };
  const mentioned = mentionedUserIds(value);
  const number = new Intl.NumberFormat(locale);

  return (
    <div className="field composer">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <div className="composer-box">
        <textarea
          id={id}
          ref={textarea}
          value={value}
          rows={rows}
          placeholder={placeholder}
          autoFocus={autoFocus}
          aria-describedby={counterId}
          aria-invalid={over || undefined}
          {...mentionComboboxProps(listId, mentions)}
          onChange={(event) => {
            onChange(event.target.value);
            mentions.update(event.target.value, event.target.selectionStart);
          }}
          onKeyDown={(event) => {
            if (mentions.onKeyDown(event)) return;
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              event.currentTarget.form?.requestSubmit();
            }
          }}
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
      <div className="composer-meta">
        <span className="composer-mentions">
          {mentioned.length > 0
            ? t('composer.mentioning', {
                names: mentioned.map((userId) => names[userId] ?? t('composer.unknownPerson')).join(', '),
              })
            : t('composer.hint')}
        </span>
        <span id={counterId} className={over ? 'composer-counter field-invalid' : 'composer-counter'}>
          {t(over ? 'composer.tooLong' : 'composer.counter', {
            count: number.format(value.length),
            max: number.format(maxLength),
          })}
        </span>
      </div>
    </div>
  );
}
