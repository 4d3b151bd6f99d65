// What the pieces of an open conversation share: which one it is, who I am,
// the names of its members, and where a changed message goes (the timeline
// and the open thread both take it).
import { createContext, useContext } from 'react';
import type { Conversation, Message } from '../../api/chat-types';

export interface ConversationValue {
  slug: string;
  conversation: Conversation;
  me: string;
  names: ReadonlyMap<string, string>;
  /** An archived group's room: nothing new, only deletions. */
  readOnly: boolean;
  /** A message the server confirmed a change of, before its live event arrives. */
  changed: (message: Message) => void;
  openThread: (messageId: string) => void;
}

export const ConversationContext = createContext<ConversationValue | null>(null);

export function useConversation(): ConversationValue {
  const value = useContext(ConversationContext);
  if (!value) throw new Error('useConversation must be used inside a conversation view');
  return value;
}
