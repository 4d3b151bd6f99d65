// Messages arrive from several places (history pages, live events replayed
// after a reconnect, the answer to my own send): merged by id, ordered by
// seq, each exactly once, the latest version winning.
import type { Message } from '../../api/chat-types';

export function mergeMessages(known: readonly Message[], incoming: readonly Message[]): Message[] {
  if (incoming.length === 0) return known as Message[];
  const byId = new Map(known.map((message) => [message.id, message]));
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

/** The highest seq in a list, or 0. */
export function lastSeqOf(messages: readonly Message[]): number {
  return messages.reduce((highest, message) => Math.max(highest, message.seq), 0);
}
