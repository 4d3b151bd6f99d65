// The search page's results: everything (five of each kind) or one kind page
// by page ("Load more" asks from the next offset). A new query or filter
// cancels what was still on its way.
import { useCallback, useEffect, useRef, useState } from 'react';
import { isAbort, search, SEARCH_PAGE_SIZE } from '../../api/search';
import type { SearchAnswer, SearchFilter, SearchKind } from '../../api/search-types';

export interface SearchResults {
  status: 'idle' | 'loading' | 'ready' | 'error';
  answer: SearchAnswer | null;
  error: unknown;
  loadingMore: boolean;
  loadMore: () => void;
  reload: () => void;
}

function appendPage(answer: SearchAnswer, kind: SearchKind, page: SearchAnswer): SearchAnswer {
  const known = new Set<string>(answer[kind].items.map((item) => item.id));
  const fresh = (page[kind].items as { id: string }[]).filter((item) => !known.has(item.id));
  return { ...answer, [kind]: { items: [...answer[kind].items, ...fresh], hasMore: page[kind].hasMore } };
}

export function useSearchResults(slug: string, q: string, filter: SearchFilter): SearchResults {
  const [answer, setAnswer] = useState<SearchAnswer | null>(null);
  const [status, setStatus] = useState<SearchResults['status']>('idle');
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [generation, setGeneration] = useState(0);
  const controller = useRef<AbortController | null>(null);
  const key = JSON.stringify([slug, q, filter]);

  useEffect(() => {
    const [keySlug, keyQ, keyFilter] = JSON.parse(key) as [string, string, SearchFilter];
    controller.current?.abort();
    setLoadingMore(false);
    if (!keyQ.trim()) {
      setAnswer(null);
      setStatus('idle');
      return;
    }
    const mine = new AbortController();
    controller.current = mine;
    setStatus('loading');
    search(keySlug, keyQ, keyFilter, { signal: mine.signal }).then(
      (found) => {
        if (mine.signal.aborted) return;
        setAnswer(found);
        setError(null);
        setStatus('ready');
      },
      (failure: unknown) => {
        if (mine.signal.aborted || isAbort(failure)) return;
        setError(failure);
        setStatus('error');
      },
    );
    return () => mine.abort();
  }, [key, generation]);

  const loadMore = useCallback(() => {
    const kind = filter.kind;
    if (!answer || !kind || loadingMore) return;
    const mine = controller.current;
    setLoadingMore(true);
    search(slug, q, filter, { offset: answer[kind].items.length, limit: SEARCH_PAGE_SIZE, signal: mine?.signal }).then(
      (page) => {
        if (mine?.signal.aborted) return;
        setAnswer((was) => (was ? appendPage(was, kind, page) : was));
        setLoadingMore(false);
      },
      (failure: unknown) => {
        if (mine?.signal.aborted || isAbort(failure)) return;
        setError(failure);
        setLoadingMore(false);
      },
    );
  }, [answer, filter, loadingMore, q, slug]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { status, answer, error, loadingMore, loadMore, reload };
}
