// Choosing people from the directory: a search box, the matching people
// (not me, not those already chosen), and the chosen ones as removable chips.
import { useEffect, useState } from 'react';
import { searchPeople } from '../../api/people';
import type { PersonSummary } from '../../api/people-types';
import type { ChatPerson } from '../../api/chat-types';
import { Avatar } from '../../components/avatar';
import { TextField } from '../../components/text-field';
import { useT } from '../../i18n/i18n-context';

const SEARCH_DELAY_MS = 200;
const SHOWN = 8;

interface PeoplePickerProps {
  slug: string;
  me: string;
  chosen: ChatPerson[];
  onChange: (chosen: ChatPerson[]) => void;
  /** People who cannot be chosen (already in the conversation). */
  excluded?: string[];
}

export function PeoplePicker({ slug, me, chosen, onChange, excluded = [] }: PeoplePickerProps) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<PersonSummary[] | null>(null);

  useEffect(() => {
    let current = true;
    const timer = window.setTimeout(() => {
      searchPeople(slug, { q: query.trim() }, { limit: SHOWN + 1 + excluded.length }).then(
        (page) => current && setFound(page.items),
        () => current && setFound([]),
      );
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [slug, query, excluded.length]);

  const unavailable = new Set([me, ...excluded, ...chosen.map((person) => person.id)]);
  const offered = (found ?? []).filter((person) => !unavailable.has(person.userId)).slice(0, SHOWN);

  return (
    <div className="people-picker">
      {chosen.length > 0 && (
        <ul className="chosen-people" aria-label={t('chat.new.chosen')}>
          {chosen.map((person) => (
            <li key={person.id} className="person-chip">
              {person.displayName}
              <button
                type="button"
                className="person-chip-remove"
                aria-label={t('chat.new.remove', { name: person.displayName })}
                onClick={() => onChange(chosen.filter((other) => other.id !== person.id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <TextField label={t('chat.new.search')} type="search" autoComplete="off" maxLength={100} value={query} onChange={setQuery} />
      {found !== null && offered.length === 0 && query.trim() !== '' && <p className="muted">{t('chat.new.nobody')}</p>}
      {offered.length > 0 && (
        <ul className="people-choices" aria-label={t('chat.new.results')}>
          {offered.map((person) => (
            <li key={person.userId}>
              <button
                type="button"
                className="people-choice"
                onClick={() => {
                  onChange([...chosen, { id: person.userId, displayName: person.displayName }]);
                  setQuery('');
                }}
              >
                <Avatar name={person.displayName} url={person.avatarUrl} size={28} />
                <span className="people-choice-text">
                  <span className="people-choice-name">{person.displayName}</span>
                  {person.jobTitle && <span className="muted"> · {person.jobTitle}</span>}
                </span>
                <span className="people-choice-add" aria-hidden="true">
                  +
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
