// A jump to one message asked for by the address (what a search result
// links to): /i/:slug/chat/:conversationId?message=<messageId>. It is taken
// once and dropped from the address at once (replacing the history entry),
// so that the address stays the conversation's, opening a thread or going
// back does not jump again, and following such a link again, even to the
// same message, is a new jump.
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { JumpRequest } from './use-timeline';

const MESSAGE_PARAM = 'message';

/** The address that opens a conversation at one of its messages (or thread replies). */
export function messageJumpPath(slug: string, conversationId: string, messageId: string): string {
  return `/i/${slug}/chat/${conversationId}?${new URLSearchParams({ [MESSAGE_PARAM]: messageId }).toString()}`;
}

export function useMessageJump(): JumpRequest | null {
  const [params, setParams] = useSearchParams();
  const wanted = params.get(MESSAGE_PARAM);
  const [taken, setTaken] = useState<{ wanted: string | null; jump: JumpRequest | null }>({ wanted: null, jump: null });
  if (wanted !== taken.wanted) setTaken({ wanted, jump: wanted ? { messageId: wanted } : taken.jump });

  useEffect(() => {
    if (wanted === null) return;
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete(MESSAGE_PARAM);
        return next;
      },
      { replace: true },
    );
  }, [wanted, setParams]);

  return taken.jump;
}
