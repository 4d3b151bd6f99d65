// The scrolling of a timeline: it opens at the bottom and stays there while
// new messages arrive, unless the reader scrolled up; older messages loaded
// above keep the ones in view in place; a change of size (a picture
// loading, a reaction) keeps the bottom in view too. A jump opens it at its
// message instead (centred and focused); below a window that stops short of
// the latest messages ("detached") nothing sticks: pages of newer messages
// grow it under the reader, and the latest page replacing it opens at the bottom.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

const NEAR_BOTTOM_PX = 60;
const FAR_FROM_BOTTOM_PX = 300;

interface ScrollPosition {
  firstKey: string | undefined;
  lastKey: string | undefined;
  /** Where a jump asks to open: a new object for each jump. */
  target?: { id: string } | null;
  detached?: boolean;
  /** The last item is mine (just sent): always scrolled to. */
  forceOnLast: boolean;
}

export function useStickToBottom(scroller: RefObject<HTMLDivElement | null>, content: RefObject<HTMLElement | null>, position: ScrollPosition) {
  const { firstKey, lastKey, target = null, detached = false, forceOnLast } = position;
  const atBottom = useRef(true);
  const detachedNow = useRef(detached);
  const [far, setFar] = useState(false);
  const [unseen, setUnseen] = useState(false);
  const previous = useRef<{ firstKey?: string; lastKey?: string; height: number; scrollTop: number; detached: boolean }>({ height: 0, scrollTop: 0, detached: false });
  const shownTarget = useRef<object | null>(null);

  const onScroll = useCallback(() => {
    const element = scroller.current;
    if (!element) return;
    previous.current.scrollTop = element.scrollTop;
    const distance = element.scrollHeight - element.scrollTop - element.clientHeight;
    // The bottom of a detached window is not the latest message: nothing sticks to it.
    atBottom.current = !detachedNow.current && distance < NEAR_BOTTOM_PX;
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
    detachedNow.current = detached;
    const jumpedTo = target && target !== shownTarget.current ? element.querySelector<HTMLElement>(`[id="message-${CSS.escape(target.id)}"]`) : null;
    if (target && jumpedTo) {
      shownTarget.current = target;
      atBottom.current = false;
      jumpedTo.scrollIntoView({ block: 'center' });
      // For keyboards and screen readers: reading goes on from the message.
      jumpedTo.focus({ preventScroll: true });
      onScroll();
    } else if (before.firstKey !== undefined && firstKey !== before.firstKey && lastKey === before.lastKey) {
      // Older messages came in above. Set from where the reader was, not added to where the
      // scrolling is now: the browser may have kept the messages in view in place already.
      element.scrollTop = before.scrollTop + element.scrollHeight - before.height;
    } else if (lastKey !== before.lastKey) {
      if (before.detached && firstKey === before.firstKey) {
        // Newer messages came in below a detached window: the reader stays where they are.
        onScroll();
      } else if (before.detached && !detached) {
        // The latest page replaced a detached window ("Jump to latest", or sending from it).
        toBottom();
      } else if (!detached && (atBottom.current || forceOnLast)) {
        toBottom();
      } else if (!detached) {
        setUnseen(true);
      }
    }
    previous.current = { firstKey, lastKey, height: element.scrollHeight, scrollTop: element.scrollTop, detached };
  }, [scroller, firstKey, lastKey, forceOnLast, detached, target, toBottom, onScroll]);

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
