// The author filter: a person picked from the directory. Typing part of a
// name lists who matches; the chosen one shows as a chip that removes it.
import { useEffect, useId, useState } from 'react';
import { fetchProfile, searchPeople } from '../../api/people';
import type { PersonSummary } from '../../api/people-types';
import { useResource } from '../../hooks/use-resource';
import { useT } from '../../i18n/i18n-context';

const SUGGESTIONS = 6;
const TYPING_PAUSE_MS = 200;

interface AuthorPickerProps {
  slug: string;
  authorId: string | undefined;
  onChange: (authorId: string | undefined) => void;
}

export function AuthorPicker({ slug, authorId, onChange }: AuthorPickerProps) {
  const t = useT();
  const id = useId();
  const [typed, setTyped] = useState('');
  const [found, setFound] = useState<PersonSummary[]>([]);
  const chosen = useResource(() => (authorId ? fetchProfile(slug, authorId) : Promise.resolve(null)), `${slug}-${authorId ?? ''}`);
  const name = chosen.resource.status === 'ready' ? chosen.resource.data?.displayName : undefined;

  useEffect(() => {
    if (!typed.trim()) {
      setFound([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      searchPeople(slug, { q: typed.trim() }, { limit: SUGGESTIONS }).then(
        (page) => current && setFound(page.items),
        () => current && setFound([]),
      );
    }, TYPING_PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [slug, typed]);

  if (authorId) {
    const shown = name ?? '…';
    return (
      <div className="field search-author">
        <span className="field-label" id={id}>
          {t('search.author')}
        </span>
        <span className="search-chip" aria-labelledby={id}>
          {shown}
          <button type="button" className="search-chip-remove" aria-label={t('search.removeAuthor', { name: shown })} onClick={() => onChange(undefined)}>
            ×
          </button>
        </span>
      </div>
    );
  }

  return (
    <div className="field search-author">
      <label htmlFor={id}>{t('search.author')}</label>
      <input id={id} type="search" value={typed} placeholder={t('search.authorPlaceholder')} autoComplete="off" onChange={(event) => setTyped(event.target.value)} />
      {found.length > 0 && (
        <ul className="search-author-suggestions" aria-label={t('search.authorSuggestions')}>
          {found.map((person) => (
            <li key={person.userId}>
              <button
                type="button"
                className="button button-quiet"
                onClick={() => {
                  setTyped('');
                  onChange(person.userId);
                }}
              >
                {person.displayName}
                {person.jobTitle && <span className="muted"> · {person.jobTitle}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
