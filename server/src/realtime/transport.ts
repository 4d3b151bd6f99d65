// Picks the event bus and presence store: in-process for one node, Redis when
// REDIS_URL is set so that several nodes share them.
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { createMemoryBus, type EventBus } from './bus.ts';
import { createMemoryPresence, type Presence } from './presence.ts';
import { createRedisBus, createRedisPresence } from './redis.ts';

export interface RealtimeTransport {
  bus: EventBus;
  presence: Presence;
  close(): Promise<void>;
}

export async function openRealtimeTransport(config: Pick<Config, 'redisUrl' | 'redisPrefix'>, log: Logger): Promise<RealtimeTransport> {
  if (!config.redisUrl) {
    const bus = createMemoryBus();
    const presence = createMemoryPresence();
    return { bus, presence, close: async () => void (await Promise.all([bus.close(), presence.close()])) };
  }
  const bus = await createRedisBus(config.redisUrl, config.redisPrefix, log);
  const presence = await createRedisPresence(config.redisUrl, config.redisPrefix, log);
  log.info({ prefix: config.redisPrefix }, 'realtime events and presence go through redis');
  return { bus, presence, close: async () => void (await Promise.all([bus.close(), presence.close()])) };
}
