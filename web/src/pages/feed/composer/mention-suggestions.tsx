// The list of people offered while a mention is typed. The textarea keeps the
// focus (aria-activedescendant points at the highlighted option), so typing
// goes on while the list filters.
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
