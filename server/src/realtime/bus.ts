// The event bus: actions publish after their transaction commits (see
// stream-log.ts emit); every node's gateway subscribes. In-process by default;
// redis.ts fans out across nodes with Redis pub/sub.
import { EventEmitter } from 'node:events';
import type { RucheEvent } from './events.ts';

export interface EventBus {
  publish(event: RucheEvent): void;
  subscribe(handler: (event: RucheEvent) => void): () => void;
  close(): Promise<void>;
}

export function createMemoryBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish(event) {
      emitter.emit('event', event);
    },
    subscribe(handler) {
      emitter.on('event', handler);
      return () => void emitter.off('event', handler);
    },
    close: async () => void emitter.removeAllListeners(),
  };
}

/** Shorthand for the common case of a group's stream, or the author's when the post is on a profile. */
export function postStream(groupId: string | null, authorId: string): string {
  return groupId ? `group:${groupId}` : `user:${authorId}`;
}
