// A list read page by page through a cursor (feeds, bookmarks,
// notifications): the pages loaded so far, kept in step with local changes
// the server confirmed, and a way to fetch the next page.
import { useCallback, useEffect, useRef, useState } from 'react';

export interface PageOf<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PagedList<T> {
  items: T[];
  status: 'loading' | 'ready' | 'error';
  /** The failure of the first page, or of the latest "load more". */
  error: unknown;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
  reload: () => void;
  prepend: (item: T) => void;
  replace: (item: T) => void;
  remove: (id: string) => void;
}

export function usePagedList<T extends { id: string }>(
  load: (cursor: string | null) => Promise<PageOf<T>>,
  key: string,
): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [status, setStatus] = useState<PagedList<T>['status']>('loading');
  const [error, setError] = useState<unknown>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  // Answers for an older key or generation are dropped.
  const currentRequest = useRef(0);
  const loadedKey = useRef<string | null>(null);

  useEffect(() => {
    const request = ++currentRequest.current;
    // A reload keeps the items on screen until the new ones arrive; a new
    // key is another list, so the old one goes at once.
    if (loadedKey.current !== key) {
      loadedKey.current = key;
      setItems([]);
      setNextCursor(null);
      setStatus('loading');
    }
    loadRef.current(null).then(
      (page) => {
        if (request !== currentRequest.current) return;
        setItems(page.items);
        setNextCursor(page.nextCursor);
        setError(null);
        setStatus('ready');
      },
      (failure: unknown) => {
        if (request !== currentRequest.current) return;
        setError(failure);
        setStatus('error');
      },
    );
  }, [key, generation]);

  const loadMore = useCallback(() => {
    if (!nextCursor || loadingMore) return;
    const request = currentRequest.current;
    setLoadingMore(true);
    loadRef
      .current(nextCursor)
      .then((page) => {
        if (request !== currentRequest.current) return;
        // An item added locally may also arrive in a later page.
        setItems((known) => {
          const seen = new Set(known.map((item) => item.id));
          return [...known, ...page.items.filter((item) => !seen.has(item.id))];
        });
        setNextCursor(page.nextCursor);
        setError(null);
      })
      .catch((failure: unknown) => {
        if (request === currentRequest.current) setError(failure);
      })
      .finally(() => setLoadingMore(false));
  }, [nextCursor, loadingMore]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const prepend = useCallback((item: T) => {
    setItems((known) => [item, ...known.filter((other) => other.id !== item.id)]);
  }, []);
  const replace = useCallback((item: T) => {
    setItems((known) => known.map((other) => (other.id === item.id ? item : other)));
  }, []);
  const remove = useCallback((id: string) => {
    setItems((known) => known.filter((other) => other.id !== id));
  }, []);

  return {
    items,
    status,
    error,
    hasMore: nextCursor !== null,
    loadingMore,
    loadMore,
    reload,
    prepend,
    replace,
    remove,
  };
}
