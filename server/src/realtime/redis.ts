// Across nodes: the event bus over Redis pub/sub (one channel; every node hears
// every event and its gateway keeps what its clients subscribed to) and
// presence in one Redis sorted set per instance (member: user id, score: expiry).
// Redis is a relay, never the record: an event lost in transit is still in
// PostgreSQL, and the gateway fills the gap from there (docs/realtime.md).
import { createClient } from 'redis';
import type { Logger } from 'pino';
import type { EventBus } from './bus.ts';
import type { RucheEvent } from './events.ts';
import { LocalConnections, PRESENCE_TTL_SECONDS, type Presence } from './presence.ts';

async function connect(url: string, log: Logger, role: string) {
  const client = createClient({ url });
  client.on('error', (err: unknown) => log.warn({ err, role }, 'redis connection error'));
  await client.connect();
  return client;
}

export async function createRedisBus(url: string, prefix: string, log: Logger): Promise<EventBus> {
  const channel = `${prefix}:events`;
  const publisher = await connect(url, log, 'publisher');
  const subscriber = await connect(url, log, 'subscriber');
  const handlers = new Set<(event: RucheEvent) => void>();
  await subscriber.subscribe(channel, (message) => {
    let event: RucheEvent;
    try {
      event = JSON.parse(message) as RucheEvent;
    } catch (err) {
      log.warn({ err }, 'unreadable event on the redis channel');
      return;
    }
    for (const handler of handlers) handler(event);
  });
  return {
    publish(event) {
      publisher.publish(channel, JSON.stringify(event)).catch((err: unknown) => log.warn({ err, stream: event.stream, seq: event.seq }, 'event not relayed through redis'));
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => void handlers.delete(handler);
    },
    async close() {
      handlers.clear();
      await Promise.allSettled([subscriber.quit(), publisher.quit()]);
    },
  };
}

export async function createRedisPresence(url: string, prefix: string, log: Logger): Promise<Presence> {
  const client = await connect(url, log, 'presence');
  const local = new LocalConnections();
  const key = (instanceId: string) => `${prefix}:presence:${instanceId}`;
  const expiry = () => Date.now() + PRESENCE_TTL_SECONDS * 1000;
  const warn = (err: unknown) => log.warn({ err }, 'presence not updated in redis');
  return {
    connected(instanceId, userId) {
      local.add(instanceId, userId);
      client.zAdd(key(instanceId), { score: expiry(), value: userId }).catch(warn);
    },
    disconnected(instanceId, userId) {
      // Other nodes may still hold a connection for this user: the entry expires unless one of them renews it.
      local.remove(instanceId, userId);
    },
    async refresh() {
      const until = expiry();
      const multi = client.multi();
      for (const [instanceId, users] of local.counts) {
        multi.zAdd(key(instanceId), [...users.keys()].map((value) => ({ score: until, value })));
        multi.zRemRangeByScore(key(instanceId), 0, Date.now());
      }
      if (local.counts.size > 0) await multi.exec().catch(warn);
    },
    async online(instanceId, userIds) {
      if (userIds.length === 0) return new Set();
      const scores = await client.zmScore(key(instanceId), userIds);
      const now = Date.now();
      return new Set(userIds.filter((_, i) => (scores[i] ?? 0) > now));
    },
    close: async () => void (await client.quit().catch(() => undefined)),
  };
}
