// Who is online: anyone with an open realtime connection, light-weight and
// expiring. One node keeps it in memory; several share it in Redis (redis.ts),
// where each node refreshes its connected users' expiry every heartbeat, so a
// node that dies stops vouching for its users within PRESENCE_TTL_SECONDS.
export const PRESENCE_TTL_SECONDS = 60;

export interface Presence {
  connected(instanceId: string, userId: string): void;
  disconnected(instanceId: string, userId: string): void;
  /** Renews the expiry of every user this node holds a connection for. */
  refresh(): Promise<void>;
  online(instanceId: string, userIds: string[]): Promise<Set<string>>;
  close(): Promise<void>;
}

/** Connection counts per instance and user on this node. */
export class LocalConnections {
  readonly counts = new Map<string, Map<string, number>>();

  add(instanceId: string, userId: string): void {
    const users = this.counts.get(instanceId) ?? new Map<string, number>();
    users.set(userId, (users.get(userId) ?? 0) + 1);
    this.counts.set(instanceId, users);
  }

  remove(instanceId: string, userId: string): void {
    const users = this.counts.get(instanceId);
    const count = users?.get(userId) ?? 0;
    if (!users || count === 0) return;
    if (count > 1) users.set(userId, count - 1);
    else users.delete(userId);
    if (users.size === 0) this.counts.delete(instanceId);
  }

  has(instanceId: string, userId: string): boolean {
    return (this.counts.get(instanceId)?.get(userId) ?? 0) > 0;
  }
}

export function createMemoryPresence(): Presence {
  const local = new LocalConnections();
  return {
    connected: (instanceId, userId) => local.add(instanceId, userId),
    disconnected: (instanceId, userId) => local.remove(instanceId, userId),
    refresh: async () => undefined,
    online: async (instanceId, userIds) => new Set(userIds.filter((id) => local.has(instanceId, id))),
    close: async () => undefined,
  };
}
