// Search as one types: the query is sent once typing pauses, the request for
// an older query is cancelled, and an answer is only shown for the query it
// answers, so results never jump back to what was typed before.
import { useEffect, useRef, useState } from 'react';
import { isAbort, search } from '../../api/search';
import type { SearchAnswer } from '../../api/search-types';

export const TYPING_PAUSE_MS = 150;

export type LiveSearch =
  | { status: 'idle' }
  | { status: 'loading'; previous: SearchAnswer | null }
  | { status: 'ready'; q: string; answer: SearchAnswer }
  | { status: 'error'; error: unknown };

export function useLiveSearch(slug: string, q: string, enabled: boolean): LiveSearch {
  const [state, setState] = useState<LiveSearch>({ status: 'idle' });
  const last = useRef<SearchAnswer | null>(null);
  const trimmed = q.trim();

  useEffect(() => {
    if (!enabled || !trimmed) {
      last.current = null;
      setState({ status: 'idle' });
      return;
    }
    setState({ status: 'loading', previous: last.current });
    const controller = new AbortController();
    const timer = setTimeout(() => {
      search(slug, q, {}, { signal: controller.signal }).then(
        (answer) => {
          if (controller.signal.aborted) return;
          last.current = answer;
          setState({ status: 'ready', q, answer });
        },
        (error: unknown) => {
          if (!controller.signal.aborted && !isAbort(error)) setState({ status: 'error', error });
        },
      );
    }, TYPING_PAUSE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // The untrimmed query: a trailing space says the last word is complete (no prefix match).
  }, [slug, q, trimmed, enabled]);

  return state;
}
