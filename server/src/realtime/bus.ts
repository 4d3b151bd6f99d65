// The event bus: actions publish after their transaction commits; the
// realtime gateway (and tests) subscribe. In-process by default; a Redis
// implementation of the same interface will fan out across nodes.
import { EventEmitter } from 'node:events';
import type { EventType, RucheEvent, RucheEvents } from './events.ts';

export interface EventBus {
  publish<T extends EventType>(event: RucheEvent<T>): void;
  subscribe(handler: (event: RucheEvent) => void): () => void;
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
  };
}

/** Shorthand for the common case of a group's stream, or the author's when the post is on a profile. */
export function postStream(groupId: string | null, authorId: string): string {
  return groupId ? `group:${groupId}` : `user:${authorId}`;
}

export type { RucheEvents };
