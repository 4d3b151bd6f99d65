// The scrolling of a timeline: it opens at the bottom and stays there while
// new messages arrive, unless the reader scrolled up; older messages loaded
// above keep the ones in view in place; a change of size (a picture
// loading, a reaction) keeps the bottom in view too.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

const NEAR_BOTTOM_PX = 60;
const FAR_FROM_BOTTOM_PX = 300;

export function useStickToBottom(scroller: RefObject<HTMLDivElement | null>, content: RefObject<HTMLElement | null>, firstKey: string | undefined, lastKey: string | undefined, forceOnLast: boolean) {
  const atBottom = useRef(true);
  const [far, setFar] = useState(false);
  const [unseen, setUnseen] = useState(false);
  const previous = useRef<{ firstKey?: string; lastKey?: string; height: number }>({ height: 0 });

  const onScroll = useCallback(() => {
    const element = scroller.current;
    if (!element) return;
    const distance = element.scrollHeight - element.scrollTop - element.clientHeight;
    atBottom.current = distance < NEAR_BOTTOM_PX;
    setFar(distance > FAR_FROM_BOTTOM_PX);
    if (atBottom.current) setUnseen(false);
  }, [scroller]);

  const toBottom = useCallback(() => {
    const element = scroller.current;
    if (!element) return;
    element.scrollTop = element.scrollHeight;
    atBottom.current = true;
    setFar(false);
    setUnseen(false);
  }, [scroller]);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const before = previous.current;
    if (before.firstKey !== undefined && firstKey !== before.firstKey && lastKey === before.lastKey) {
      // Older messages came in above.
      element.scrollTop += element.scrollHeight - before.height;
    } else if (lastKey !== before.lastKey) {
      if (atBottom.current || forceOnLast) toBottom();
      else setUnseen(true);
    }
    previous.current = { firstKey, lastKey, height: element.scrollHeight };
  }, [scroller, firstKey, lastKey, forceOnLast, toBottom]);

  useEffect(() => {
    const element = content.current;
    if (!element || !('ResizeObserver' in window)) return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current && scroller.current) scroller.current.scrollTop = scroller.current.scrollHeight;
      if (scroller.current) previous.current.height = scroller.current.scrollHeight;
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [content, scroller]);

  return { onScroll, toBottom, far, unseen };
}
