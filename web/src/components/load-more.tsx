// The end of a paged list: a "load more" button that also fires by itself
// when it scrolls into view, so reading a feed never stops at a page edge,
// while keyboard and screen-reader users keep a real button.
import { useEffect, useRef } from 'react';
import { useT } from '../i18n/i18n-context';

interface LoadMoreProps {
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
  /** Load the next page when the button becomes visible. */
  automatic?: boolean;
}

export function LoadMore({ hasMore, loading, onLoadMore, automatic = false }: LoadMoreProps) {
  const t = useT();
  const ref = useRef<HTMLButtonElement>(null);
  const onLoadMoreRef = useRef(onLoadMore);
  useEffect(() => {
    onLoadMoreRef.current = onLoadMore;
  });

  useEffect(() => {
    const button = ref.current;
    if (!automatic || !hasMore || loading || !button || !('IntersectionObserver' in window)) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) onLoadMoreRef.current();
    });
    observer.observe(button);
    return () => observer.disconnect();
  }, [automatic, hasMore, loading]);

  if (!hasMore) return null;
  return (
    <button
      ref={ref}
      type="button"
      className="button button-secondary load-more"
      disabled={loading}
      aria-busy={loading || undefined}
      onClick={onLoadMore}
    >
      {loading ? t('common.loading') : t('common.loadMore')}
    </button>
  );
}
