// The list of people offered while a mention is typed. The textarea keeps the
// focus (aria-activedescendant points at the highlighted option), so typing
// goes on while the list filters.
import type { SyntheticEvent } from 'react';
import type { MentionCandidate } from './mention-source';

interface MentionSuggestionsProps {
  id: string;
  label: string;
  suggestions: MentionCandidate[];
  activeIndex: number;
  onPick: (candidate: MentionCandidate) => void;
}

export function optionId(listId: string, index: number): string {
  return `${listId}-option-${index}`;
}

/** The textarea's side of the mention combobox, for every composer that offers mentions. */
export function mentionComboboxProps(listId: string, mentions: { open: boolean; activeIndex: number; update: (text: string, caret: number) => void }) {
  return {
    'aria-autocomplete': 'list' as const,
    'aria-controls': mentions.open ? listId : undefined,
    'aria-activedescendant': mentions.open ? optionId(listId, mentions.activeIndex) : undefined,
    onSelect: (event: SyntheticEvent<HTMLTextAreaElement>) => mentions.update(event.currentTarget.value, event.currentTarget.selectionStart),
    onBlur: () => mentions.update('', 0),
  };
}

export function MentionSuggestions({ id, label, suggestions, activeIndex, onPick }: MentionSuggestionsProps) {
  return (
    <ul id={id} role="listbox" aria-label={label} className="mention-suggestions">
      {suggestions.map((candidate, index) => (
        <li
          key={candidate.userId}
          id={optionId(id, index)}
          role="option"
          aria-selected={index === activeIndex}
          // mousedown, not click: the textarea must not lose focus (and its caret) first.
          onMouseDown={(event) => {
            event.preventDefault();
            onPick(candidate);
          }}
        >
          {candidate.displayName}
        </li>
      ))}
    </ul>
  );
}
