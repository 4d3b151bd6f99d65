// The realtime gateway of one node: its WebSocket connections, an index of
// subscriptions by stream, and the event bus feeding them. Permission is
// checked on every subscribe, again when a membership event says it may have
// changed, and on a timer (re-verification also ends connections whose
// session or token ended): a subscription never outlives the right to read.
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import type { RealtimeConfig } from '../config.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Actor, TenantContext } from '../http/context.ts';
import type { Services } from '../services.ts';
import { CLOSE, Connection } from './connection.ts';
import type { RucheEvent } from './events.ts';
import { eventFrame } from './frames.ts';
import { currentMembership, grantFor } from './stream-access.ts';
import { eventsBetween, streamHead } from './stream-log.ts';
import { Subscription, type SubscriptionHost } from './subscription.ts';

const key = (instanceId: string, stream: string) => `${instanceId} ${stream}`;
/** Re-verifications in flight at once: a small share of the database pool, so requests never wait behind them. */
const VERIFY_CONCURRENCY = 2;

export class Gateway {
  readonly config: RealtimeConfig;
  readonly log: Logger;
  private readonly connections = new Set<Connection>();
  private readonly byStream = new Map<string, Set<Subscription & { connection: Connection }>>();
  private readonly stopListening: () => void;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly dueVerifications: Connection[] = [];
  private readonly hosts = new WeakMap<Connection, SubscriptionHost>();
  private verifying = 0;

  private readonly s: Services;

  constructor(s: Services) {
    this.s = s;
    this.config = s.config.realtime;
    this.log = s.log.child({ component: 'realtime' });
    this.stopListening = s.bus.subscribe((event) => this.dispatch(event));
    this.heartbeat = setInterval(() => this.tick(), this.config.heartbeatSeconds * 1000);
    this.heartbeat.unref();
  }

  get size(): number {
    return this.connections.size;
  }

  accept(socket: WebSocket, actor: Actor, tenant: TenantContext): void {
    const connection = new Connection(socket, this, actor, tenant);
    this.connections.add(connection);
    this.s.presence.connected(connection.instanceId, connection.userId);
    socket.on('close', () => this.forget(connection));
    connection.reply({ type: 'hello', userId: connection.userId, heartbeatSeconds: this.config.heartbeatSeconds });
  }

  /** A time for the next re-verification, spread so that connections opened together are not checked together. */
  nextVerification(): number {
    return Date.now() + this.config.reauthSeconds * 1000 * (0.75 + Math.random() * 0.5);
  }

  /**
   * Subscribes after checking permission, sending what the client missed
   * since `since` first. Returns the stream's head, or null when the stream
   * may not be read.
   */
  async open(connection: Connection, stream: string, since: number | undefined): Promise<number | null> {
    const subscription = Object.assign(new Subscription(this.hostFor(connection), stream, { roomGroupId: null }), { connection });
    // Indexed before reading the head, so that live events committed meanwhile are held, not lost.
    connection.subscriptions.set(stream, subscription);
    this.index(subscription, connection.instanceId);
    try {
      const result = await inTransaction(this.s.pool, { instanceId: connection.instanceId, userId: connection.userId }, async (tx) => {
        const grant = await grantFor(tx, connection.tenant, stream);
        if (!grant) return null;
        const head = await streamHead(tx, connection.instanceId, stream);
        const behind = since === undefined ? 0 : head - since;
        const missed = behind > 0 && behind <= this.config.recoveryLimit
          ? await eventsBetween(tx, connection.instanceId, stream, since!, head, behind) : [];
        return { grant, head, behind, missed };
      });
      // Refused, or ended meanwhile (membership lost, connection closed): never answer `subscribed` for it.
      if (!result || connection.subscriptions.get(stream) !== subscription) {
        this.release(connection, subscription);
        return null;
      }
      Object.assign(subscription.grant, result.grant);
      if (result.behind < 0 || (result.behind > 0 && result.missed.length !== result.behind)) {
        subscription.reset(result.head); // ahead of the stream (a restored database?), too far behind, or pruned
      } else {
        for (const e of result.missed) connection.send(eventFrame(stream, e));
      }
      subscription.start(result.head);
      return result.head;
    } catch (error) {
      this.release(connection, subscription);
      throw error;
    }
  }

  publishTyping(connection: Connection, stream: string): void {
    this.s.bus.publish({ type: 'typing', instanceId: connection.instanceId, stream, data: { userId: connection.userId } });
  }

  unindex(connection: Connection, subscription: Subscription): void {
    const k = key(connection.instanceId, subscription.stream);
    const set = this.byStream.get(k);
    if (!set) return;
    set.delete(subscription as Subscription & { connection: Connection });
    if (set.size === 0) this.byStream.delete(k);
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    this.stopListening();
    for (const connection of this.connections) connection.close(CLOSE.goingAway, 'The server is restarting: reconnect.');
  }

  private release(connection: Connection, subscription: Subscription): void {
    if (connection.subscriptions.get(subscription.stream) === subscription) connection.subscriptions.delete(subscription.stream);
    this.unindex(connection, subscription);
    subscription.close();
  }

  private index(subscription: Subscription & { connection: Connection }, instanceId: string): void {
    const k = key(instanceId, subscription.stream);
    const set = this.byStream.get(k) ?? new Set();
    set.add(subscription);
    this.byStream.set(k, set);
  }

  /** What a connection's subscriptions need from the gateway: one object per connection, shared by its subscriptions. */
  private hostFor(connection: Connection): SubscriptionHost {
    let host = this.hosts.get(connection);
    if (!host) {
      host = {
        send: (text: string) => connection.send(text),
        readEvents: (stream: string, since: number, until: number, limit: number) =>
          inTransaction(this.s.pool, { instanceId: connection.instanceId }, (tx) => eventsBetween(tx, connection.instanceId, stream, since, until, limit)),
        recoveryLimit: this.config.recoveryLimit,
        onError: (error: unknown) => this.log.error({ err: error }, 'realtime gap fill failed'),
      };
      this.hosts.set(connection, host);
    }
    return host;
  }

  private forget(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    for (const subscription of connection.subscriptions.values()) {
      this.unindex(connection, subscription);
      subscription.close();
    }
    connection.subscriptions.clear();
    this.s.presence.disconnected(connection.instanceId, connection.userId);
  }

  private dispatch(event: RucheEvent): void {
    const subscribers = this.byStream.get(key(event.instanceId, event.stream));
    if (subscribers) {
      if (event.seq === undefined) {
        const typing = event.data as { userId: string };
        const frame = JSON.stringify({ type: 'typing', stream: event.stream, userId: typing.userId });
        for (const sub of subscribers) if (sub.isReady && sub.connection.userId !== typing.userId) sub.connection.send(frame);
      } else {
        const frame = eventFrame(event.stream, event);
        for (const sub of subscribers) sub.offer(event.seq, frame);
      }
    }
    this.followMemberships(event, subscribers);
  }

  /** Membership events end subscriptions at once; the periodic re-verification catches every other path. */
  private followMemberships(event: RucheEvent, subscribers: Set<Subscription & { connection: Connection }> | undefined): void {
    if (event.type === 'conversation.removed' && event.stream.startsWith('conversation:')) {
      const { userId } = event.data as { userId: string };
      for (const sub of [...(subscribers ?? [])]) if (sub.connection.userId === userId) sub.connection.drop(event.stream, 'membership_ended');
    }
    if (event.type === 'group.membership.changed' && !(event.data as { member: boolean }).member) {
      const { groupId, userId } = event.data as { groupId: string; userId: string };
      this.recheckGroup(event.instanceId, groupId, userId);
    }
    // A group turned private or secret, archived or deleted: whoever follows it or its room is checked again.
    if (event.type === 'group.changed') this.recheckGroup(event.instanceId, (event.data as { groupId: string }).groupId, null);
  }

  /** Re-checks the subscriptions to a group and its room, of one person or (userId null) of everyone on this node. */
  private recheckGroup(instanceId: string, groupId: string, userId: string | null): void {
    for (const connection of this.connections) {
      if (connection.instanceId !== instanceId || (userId !== null && connection.userId !== userId)) continue;
      // A conversation subscription still being checked has no grant yet: it may be this group's room.
      const affected = [...connection.subscriptions.values()].filter((s) => s.stream === `group:${groupId}` || s.grant.roomGroupId === groupId
        || (!s.isReady && s.stream.startsWith('conversation:')));
      if (affected.length === 0) continue;
      // Held meanwhile: an event committed after the change must not slip out before the verdict.
      for (const s of affected) s.hold();
      this.recheck(connection, affected.map((s) => s.stream))
        .catch((error: unknown) => this.log.error({ err: error }, 'realtime recheck failed'))
        .finally(() => { for (const s of affected) s.resume(); });
    }
  }

  /** Drops the subscriptions among `streams` the connection may no longer read. */
  private async recheck(connection: Connection, streams: string[]): Promise<void> {
    const lost = await inTransaction(this.s.pool, { instanceId: connection.instanceId, userId: connection.userId }, async (tx) => {
      const gone: string[] = [];
      for (const stream of streams) if (!(await grantFor(tx, connection.tenant, stream))) gone.push(stream);
      return gone;
    });
    for (const stream of lost) connection.drop(stream, 'membership_ended');
  }

  /** Re-reads the connection's session or token and membership, then its subscriptions. */
  private async verify(connection: Connection): Promise<void> {
    const membership = await inTransaction(this.s.pool, { instanceId: connection.instanceId, userId: connection.userId },
      (tx) => currentMembership(tx, connection.actor, connection.instanceId, this.s.config.session.idleTimeoutMs));
    if (!membership) return connection.close(CLOSE.sessionEnded, 'Your session has ended: sign in again.');
    connection.tenant = { ...connection.tenant, membership };
    await this.recheck(connection, [...connection.subscriptions.keys()]);
  }

  private tick(): void {
    const now = Date.now();
    for (const connection of this.connections) {
      if (connection.missedPongs >= 2) {
        connection.socket.terminate();
        continue;
      }
      connection.missedPongs += 1;
      connection.socket.ping();
      if (now >= connection.verifyDueAt) {
        connection.verifyDueAt = this.nextVerification();
        this.dueVerifications.push(connection);
      }
    }
    this.runVerifications();
    this.s.presence.refresh().catch((error: unknown) => this.log.warn({ err: error }, 'presence refresh failed'));
  }

  /**
   * Re-verifies the due connections a few at a time: thousands of them fall
   * due on one tick, and starting them together would queue every request
   * behind them for seconds (bench/chat.ts showed 1.5–4 s stalls).
   */
  private runVerifications(): void {
    while (this.verifying < VERIFY_CONCURRENCY && this.dueVerifications.length > 0) {
      const connection = this.dueVerifications.shift()!;
      if (!this.connections.has(connection)) continue;
      this.verifying += 1;
      this.verify(connection)
        .catch((error: unknown) => this.log.error({ err: error }, 'realtime re-verification failed'))
        .finally(() => {
          this.verifying -= 1;
          this.runVerifications();
        });
    }
  }
}
