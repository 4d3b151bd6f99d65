// Optional subdomain routing: with INSTANCE_DOMAIN=ruche.example.org, a
// person opening https://acme.ruche.example.org/… lands in instance "acme".
// Pages are redirected to the canonical /i/acme/… path, so the web client,
// the API and links in emails work the same on every host.
import type { FastifyInstance } from 'fastify';

const SLUG = /^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/;
const NOT_PAGES = /^\/(?:i\/|api\/|assets\/|healthz|readyz)/;

export function instanceSlugFromHost(host: string | undefined, domain: string): string | null {
  if (!host) return null;
  const name = host.replace(/:\d+$/, '').toLowerCase();
  if (!name.endsWith(`.${domain}`)) return null;
  const slug = name.slice(0, -domain.length - 1);
  return SLUG.test(slug) ? slug : null;
}

export function registerSubdomainRouting(app: FastifyInstance, domain: string | undefined): void {
  if (!domain) return;
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET') return;
    const slug = instanceSlugFromHost(request.headers.host, domain);
    const [path = '/', query] = request.url.split('?', 2);
    if (!slug || NOT_PAGES.test(path) || /\.[a-z0-9]+$/i.test(path)) return;
    return reply.redirect(`/i/${slug}${path === '/' ? '' : path}${query ? `?${query}` : ''}`, 302);
  });
}
