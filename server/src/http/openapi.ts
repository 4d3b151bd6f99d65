// The OpenAPI 3.1 document, generated from the route schemas, served at
// /api/v1/openapi.json, with a browsable page at /api/v1/docs.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Ruche API',
        version: '1',
        description: 'Errors are RFC 9457 problem+json documents with a stable `code`. Browser sessions send the `X-CSRF-Token` header on unsafe methods; API clients send `Authorization: Bearer ruche_pat_…` on instance routes.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'ruche_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    hideUntagged: true,
    transform: ({ schema, url, route }) => {
      const access = route.config?.access ?? 'user';
      const security = access === 'public' ? [] : [{ session: [] }, ...(url.startsWith('/api/v1/i/') ? [{ token: [] }] : [])];
      return { schema: { ...schema, security, 'x-access': access } as unknown as typeof schema, url };
    },
  });
  // The documentation page and its assets are public on purpose, like the document itself.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/v1/docs')) route.config = { ...route.config, access: 'public' };
  });
  await app.register(swaggerUi, { routePrefix: '/api/v1/docs', uiConfig: { docExpansion: 'list' } });
  app.get('/api/v1/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
}
