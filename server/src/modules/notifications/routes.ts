// HTTP routes of my notifications in an instance.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { inTransaction } from '../../db/transaction.ts';
import { decodeCursor, paginate } from '../../http/cursor.ts';
import { instanceOf, tenantOf } from '../../http/context.ts';
import { NoContent, problemResponses } from '../../http/schemas.ts';
import type { Services } from '../../services.ts';
import { SlugParams } from '../instances/schemas.ts';
import { markNotificationsRead } from './actions.ts';
import { presentNotification } from './presenters.ts';
import { countUnread, listNotifications } from './queries.ts';
import { findDigestSetting } from './digest-queries.ts';
import { setDigestFrequency, unsubscribe } from './digests.ts';
import { MarkReadBody, MarkReadResult, NotificationPage, NotificationQuery, NotificationSettings, UnsubscribeBody } from './schemas.ts';

const tags = ['notifications'];

export async function notificationRoutes(root: FastifyInstance, s: Services): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/v1/i/:slug/notifications', {
    schema: { tags, summary: 'My notifications, newest first, with the unread count', params: SlugParams, querystring: NotificationQuery, response: { 200: NotificationPage, ...problemResponses } },
  }, async (request) => {
    const t = tenantOf(request);
    const limit = request.query.limit ?? 30;
    const after = decodeCursor(request.query.cursor);
    return inTransaction(s.pool, { instanceId: t.instance.id }, async (tx) => {
      const rows = await listNotifications(tx, t.instance.id, t.membership.userId, limit + 1, after, request.query.unread ?? false);
      const { page, nextCursor } = paginate(rows, limit, (n) => ({ micros: n.createdAtMicros, id: n.id }));
      return { items: page.map(presentNotification), nextCursor, unreadCount: await countUnread(tx, t.instance.id, t.membership.userId) };
    });
  });

  app.post('/api/v1/i/:slug/notifications/read', {
    schema: { tags, summary: 'Mark some ({ids}) or all ({all: true}) of my notifications read', params: SlugParams, body: MarkReadBody, response: { 200: MarkReadResult, ...problemResponses } },
  }, async (request) => {
    const t = tenantOf(request);
    const marked = await markNotificationsRead(s, t, request.body.ids ?? null);
    const unreadCount = await inTransaction(s.pool, { instanceId: t.instance.id }, (tx) => countUnread(tx, t.instance.id, t.membership.userId));
    return { marked, unreadCount };
  });

  app.get('/api/v1/i/:slug/notification-settings', {
    schema: { tags, summary: 'My email digest frequency in this instance', params: SlugParams, response: { 200: NotificationSettings, ...problemResponses } },
  }, async (request) => {
    const t = tenantOf(request);
    return { digest: await inTransaction(s.pool, { instanceId: t.instance.id }, (tx) => findDigestSetting(tx, t.instance.id, t.membership.userId)) };
  });

  app.put('/api/v1/i/:slug/notification-settings', {
    schema: { tags, summary: 'Choose my email digest frequency: hourly, daily, weekly or never', params: SlugParams, body: NotificationSettings, response: { 200: NotificationSettings, ...problemResponses } },
  }, async (request) => {
    await setDigestFrequency(s, tenantOf(request), request.body.digest);
    return { digest: request.body.digest };
  });

  app.post('/api/v1/i/:slug/unsubscribe', {
    config: { access: 'public' },
    schema: { tags, summary: 'Stop email digests with the token from a digest (public: the token is the credential)', params: SlugParams, body: UnsubscribeBody, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await unsubscribe(s, instanceOf(request), request.body.token);
    return reply.code(204).send(null);
  });
}
