// Browser-facing protections: security headers on every answer, and a
// cross-site request check on every state-changing request. Cookie-session
// requests must additionally carry the session's CSRF token (authenticate.ts).
import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { forbidden } from '../errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method);
}

export const csrfFailed = () => forbidden('Cross-site request refused: reload the page and try again.', 'csrf_failed');

/** Refuses unsafe requests that a browser tells us come from another site. */
function assertSameOrigin(request: FastifyRequest, publicOrigin: string): void {
  if (isSafeMethod(request.method)) return;
  if (request.headers['sec-fetch-site'] === 'cross-site') throw csrfFailed();
  const origin = request.headers.origin;
  if (origin === undefined) return;
  const host = request.headers.host;
  const sameHost = host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
  if (origin !== publicOrigin && !sameHost) throw csrfFailed();
}

export async function registerSecurity(app: FastifyInstance, publicUrl: URL): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        upgradeInsecureRequests: publicUrl.protocol === 'https:' ? [] : null,
      },
    },
    strictTransportSecurity: publicUrl.protocol === 'https:',
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', async (request) => assertSameOrigin(request, publicUrl.origin));
}
