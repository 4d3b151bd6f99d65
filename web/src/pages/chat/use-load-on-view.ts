// Loads the next page of a timeline by itself when one of its ends (a
// sentinel element there) comes within reach of the visible part of the
// scrolling area. Observed again after each page (`key`), so a page too
// short to push the end away asks for the next one.
import { useEffect, useRef, type RefObject } from 'react';

const REACH = '200px';

export function useLoadOnView(
  sentinel: RefObject<HTMLElement | null>,
  root: RefObject<HTMLElement | null>,
  edge: 'top' | 'bottom',
  active: boolean,
  key: string | undefined,
  load: () => void,
): void {
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  useEffect(() => {
    const element = sentinel.current;
    if (!element || !active || !('IntersectionObserver' in window)) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) loadRef.current();
      },
      { root: root.current, rootMargin: edge === 'top' ? `${REACH} 0px 0px 0px` : `0px 0px ${REACH} 0px` },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [sentinel, root, edge, active, key]);
}
