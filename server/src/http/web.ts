// Serves the built web client (web/dist) and answers every other non-API GET
// with its index.html, so client-side routes such as /i/acme/admin load.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const WEB_DIST = path.resolve(import.meta.dirname, '../../../web/dist');

export async function registerWeb(app: FastifyInstance): Promise<((request: FastifyRequest, reply: FastifyReply) => unknown) | null> {
  if (!existsSync(path.join(WEB_DIST, 'index.html'))) {
    app.log.warn({ dir: WEB_DIST }, 'web client not built: run `npm run build:web` (npm start does it)');
    return null;
  }
  const indexHtml = await readFile(path.join(WEB_DIST, 'index.html'));
  await app.register(async (web) => {
    // Static files are public; the hook is scoped to this plugin so it cannot open other routes.
    web.addHook('onRoute', (route) => { route.config = { ...route.config, access: 'public' }; });
    await web.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: false, maxAge: '1h' });
    web.get('/', { schema: { hide: true } }, (_request, reply) => reply.sendFile('index.html', { maxAge: 0 }));
  });
  return (request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    if (request.method !== 'GET' || url.startsWith('/api/') || path.extname(url) !== '') return null;
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(indexHtml);
  };
}
