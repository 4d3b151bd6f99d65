// The behaviour behind "@" in a composer: notices a mention being typed,
// loads the people who can be suggested (once), filters them, lets the
// keyboard or the mouse pick one, and writes <@userId> in its place.
import { useCallback, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { MentionCandidate } from './mention-source';
import { matchCandidates, mentionQueryAt, mentionToken } from './mention-tokens';

export interface MentionAutocomplete {
  suggestions: MentionCandidate[];
  activeIndex: number;
  open: boolean;
  /** Every person the composer has heard of, by id, to show names for tokens. */
  names: Record<string, string>;
  /** Call after every change of text or caret. */
  update: (text: string, caret: number) => void;
  pick: (candidate: MentionCandidate) => void;
  /** Handles arrows, Enter, Tab and Escape while suggestions are shown; true when handled. */
  onKeyDown: (event: KeyboardEvent<HTMLTextAreaElement>) => boolean;
}

export function useMentionAutocomplete(
  textarea: RefObject<HTMLTextAreaElement | null>,
  value: string,
  onChange: (value: string) => void,
  loadCandidates: () => Promise<MentionCandidate[]>,
): MentionAutocomplete {
  // Candidates belong to the loader that fetched them: another scope (the
  // home composer switched group) means another list.
  const [loaded, setLoaded] = useState<{ from: typeof loadCandidates; list: MentionCandidate[] } | null>(null);
  const candidates = loaded && loaded.from === loadCandidates ? loaded.list : null;
  const [query, setQuery] = useState<{ start: number; query: string } | null>(null);
  const [activeIndex, setActiveIndex] = useState(0);
  const loading = useRef(false);
  const caretAfterPick = useRef<number | null>(null);

  const update = useCallback(
    (text: string, caret: number) => {
      const found = mentionQueryAt(text, caret);
      setQuery(found);
      setActiveIndex(0);
      if (found && candidates === null && !loading.current) {
        loading.current = true;
        loadCandidates()
          .then(
            (list) => setLoaded({ from: loadCandidates, list }),
            () => setLoaded({ from: loadCandidates, list: [] }),
          )
          .finally(() => {
            loading.current = false;
          });
      }
    },
    [candidates, loadCandidates],
  );

  const suggestions = query && candidates ? matchCandidates(candidates, query.query) : [];
  const open = suggestions.length > 0;

  const pick = useCallback(
    (candidate: MentionCandidate) => {
      if (!query) return;
      const end = query.start + 1 + query.query.length;
      const inserted = `${mentionToken(candidate.userId)} `;
      caretAfterPick.current = query.start + inserted.length;
      onChange(value.slice(0, query.start) + inserted + value.slice(end));
      setQuery(null);
    },
    [query, value, onChange],
  );

  // Put the caret after the inserted mention once React wrote the new text.
  useLayoutEffect(() => {
    const caret = caretAfterPick.current;
    if (caret === null || !textarea.current) return;
    caretAfterPick.current = null;
    textarea.current.focus();
    textarea.current.setSelectionRange(caret, caret);
  }, [value, textarea]);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!open) return false;
    const move = (step: number) =>
      setActiveIndex((index) => (index + step + suggestions.length) % suggestions.length);
    if (event.key === 'ArrowDown') move(1);
    else if (event.key === 'ArrowUp') move(-1);
    else if (event.key === 'Enter' || event.key === 'Tab') {
      const chosen = suggestions[activeIndex];
      if (chosen) pick(chosen);
    } else if (event.key === 'Escape') setQuery(null);
    else return false;
    event.preventDefault();
    return true;
  };

  const names: Record<string, string> = {};
  for (const candidate of candidates ?? []) names[candidate.userId] = candidate.displayName;

  return { suggestions, activeIndex, open, names, update, pick, onKeyDown };
}
