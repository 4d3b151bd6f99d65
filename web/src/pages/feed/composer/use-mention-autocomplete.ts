// The behaviour behind "@" in a composer: notices a mention being typed,
// asks the directory for the people matching it (after a short pause in the
// typing), narrows them to names, lets the keyboard or the mouse pick one,
// and writes <@userId> in its place.
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import type { LoadMentionCandidates, MentionCandidate } from './mention-source';
import { matchCandidates, mentionQueryAt, mentionToken } from './mention-tokens';

/** Wait this long after the last key before asking the server. */
const SEARCH_DELAY_MS = 150;

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
  loadCandidates: LoadMentionCandidates,
): MentionAutocomplete {
  // The latest answer, kept while the next query is on its way so the list
  // narrows as one types instead of flickering.
  const [candidates, setCandidates] = useState<MentionCandidate[] | null>(null);
  const [names, setNames] = useState<Record<string, string>>({});
  const [query, setQuery] = useState<{ start: number; query: string } | null>(null);
  const [activeIndex, setActiveIndex] = useState(0);
  const requested = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const caretAfterPick = useRef<number | null>(null);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const search = useCallback(
    (wanted: string) => {
      requested.current = wanted;
      loadCandidates(wanted).then(
        (list) => {
          // Answers to queries typed over since are dropped.
          if (requested.current !== wanted) return;
          setCandidates(list);
          setNames((known) => {
            const next = { ...known };
            for (const candidate of list) next[candidate.userId] = candidate.displayName;
            return next;
          });
        },
        () => {
          if (requested.current === wanted) setCandidates([]);
        },
      );
    },
    [loadCandidates],
  );

  const update = useCallback(
    (text: string, caret: number) => {
      const found = mentionQueryAt(text, caret);
      setQuery(found);
      setActiveIndex(0);
      if (timer.current) clearTimeout(timer.current);
      if (!found || found.query === requested.current) return;
      timer.current = setTimeout(() => search(found.query), SEARCH_DELAY_MS);
    },
    [search],
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

  return { suggestions, activeIndex, open, names, update, pick, onKeyDown };
}
