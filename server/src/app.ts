// Builds the Fastify application from its modules. No listening here:
// main.ts listens, tests use app.inject() or listen on a random port.
import cookie from '@fastify/cookie';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { registerAuthentication } from './http/authenticate.ts';
import { registerOpenApi } from './http/openapi.ts';
import { registerErrorHandler, registerNotFoundHandler } from './http/problems.ts';
import { registerSecurity } from './http/security.ts';
import { registerSubdomainRouting } from './http/subdomains.ts';
import { registerValidation } from './http/validation.ts';
import { registerWeb } from './http/web.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { attachmentRoutes } from './modules/attachments/routes.ts';
import { chatRoutes } from './modules/chat/routes.ts';
import { driveRoutes } from './modules/drive/routes.ts';
import { feedRoutes } from './modules/feed/routes.ts';
import { groupRoutes } from './modules/groups/routes.ts';
import { peopleSetRoutes } from './modules/groups/people-set-routes.ts';
import { notificationRoutes } from './modules/notifications/routes.ts';
import { peopleRoutes } from './modules/people/routes.ts';
import { searchRoutes } from './modules/search/routes.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { instanceRoutes } from './modules/instances/routes.ts';
import { invitationRoutes } from './modules/invitations/routes.ts';
import { memberRoutes } from './modules/members/routes.ts';
import { operatorRoutes } from './modules/operator/routes.ts';
import { tokenRoutes } from './modules/tokens/routes.ts';
import { Gateway } from './realtime/gateway.ts';
import { realtimeRoutes, registerWebSocket } from './realtime/routes.ts';
import type { Services } from './services.ts';

export interface RegisteredRoute {
  method: string;
  url: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    registeredRoutes: RegisteredRoute[];
    /** This node's realtime gateway (tests read its size). */
    gateway: Gateway;
  }
}

/** A hop count means: trust the nearest `hops` proxies (Fastify's types only take a function for that). */
function trustProxyOption(setting: Services['config']['trustProxy']) {
  return typeof setting === 'number' ? (_address: string, hop: number) => hop < setting : setting;
}

export async function buildApp(s: Services): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: s.log as FastifyBaseLogger,
    bodyLimit: s.config.bodyLimitBytes,
    trustProxy: trustProxyOption(s.config.trustProxy),
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });
  app.addHook('onSend', async (request, reply) => void reply.header('x-request-id', request.id));
  // Every route, as registered: the endpoint security tests compare it with the OpenAPI document.
  const registered: RegisteredRoute[] = [];
  app.decorate('registeredRoutes', registered);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) registered.push({ method, url: route.url });
  });
  registerErrorHandler(app);
  registerSubdomainRouting(app, s.config.instanceDomain);
  registerValidation(app);
  await app.register(cookie);
  await registerSecurity(app, s.config.publicUrl);
  await registerOpenApi(app);
  // Before the gate's hook, so that a refused upgrade's socket is marked as one, and closed after the answer.
  const gateway = new Gateway(s);
  app.decorate('gateway', gateway);
  await registerWebSocket(app, s, gateway);
  registerAuthentication(app, s);

  await healthRoutes(app, s);
  await authRoutes(app, s);
  await instanceRoutes(app, s);
  await memberRoutes(app, s);
  await invitationRoutes(app, s);
  await tokenRoutes(app, s);
  await groupRoutes(app, s);
  await peopleSetRoutes(app, s);
  await feedRoutes(app, s);
  await notificationRoutes(app, s);
  await peopleRoutes(app, s);
  await operatorRoutes(app, s);
  await chatRoutes(app, s);
  await driveRoutes(app, s);
  await attachmentRoutes(app, s);
  await searchRoutes(app, s);
  await realtimeRoutes(app, s, gateway);

  const spa = s.config.serveWeb ? await registerWeb(app) : null;
  registerNotFoundHandler(app, spa);
  return app;
}
