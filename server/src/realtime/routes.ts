// The WebSocket endpoint. The upgrade request passes the same gate as every
// instance route (authenticate.ts: session cookie or API token, active
// membership), then an Origin check: a browser page from another site must
// not open a socket with the user's cookie (cross-site WebSocket hijacking).
import websocket from '@fastify/websocket';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { actorOf, tenantOf } from '../http/context.ts';
import { problemResponses } from '../http/schemas.ts';
import type { Services } from '../services.ts';
import { SlugParams } from '../modules/instances/schemas.ts';
import type { Gateway } from './gateway.ts';

/** Registered before any route, so that @fastify/websocket sees every route as it is added. */
export async function registerWebSocket(app: FastifyInstance, s: Services, gateway: Gateway): Promise<void> {
  await app.register(websocket, {
    options: { maxPayload: s.config.realtime.maxFrameBytes, perMessageDeflate: false },
    // Clients are told to come back (1001) rather than just cut; then the upgrade server stops.
    preClose: async () => {
      await gateway.close();
      app.websocketServer.close();
    },
  });
}

function assertOwnOrigin(request: FastifyRequest, publicOrigin: string): void {
  const origin = request.headers.origin;
  if (origin === undefined) return; // not a browser: nothing ambient to abuse, the credentials were sent on purpose
  const host = request.headers.host;
  const sameHost = host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
  if (origin !== publicOrigin && !sameHost) throw new AppError(403, 'origin_refused', 'WebSocket connections are accepted from this site only.');
}

export async function realtimeRoutes(root: FastifyInstance, s: Services, gateway: Gateway): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.route({
    method: 'GET',
    url: '/api/v1/i/:slug/realtime',
    schema: {
      tags: ['realtime'],
      summary: 'The realtime WebSocket (docs/realtime.md): subscribe to streams, receive their events in order, recover after a reconnect',
      params: SlugParams,
      response: { ...problemResponses },
    },
    preHandler: async (request) => assertOwnOrigin(request, s.config.publicUrl.origin),
    handler: async () => {
      throw new AppError(426, 'upgrade_required', 'This endpoint speaks WebSocket: connect with an Upgrade: websocket request.');
    },
    wsHandler: (socket, request) => gateway.accept(socket, actorOf(request), tenantOf(request)),
  });
}
