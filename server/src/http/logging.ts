// Structured JSON logs (pino) to stdout. Every request line carries its
// request id. Nothing secret is logged: no bodies, no cookies, no
// Authorization header, and query strings only by their parameter names
// (invitation and reset links carry their secret in the query string).
import pino, { type Logger } from 'pino';
import type { FastifyRequest } from 'fastify';

export const REDACTED = '[redacted]';

export function redactUrl(url: string): string {
  const [path, query] = url.split('?', 2);
  if (!query) return path ?? url;
  const names = query.split('&').map((pair) => `${pair.split('=')[0]}=${REDACTED}`);
  return `${path}?${names.join('&')}`;
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({
    level,
    base: { service: 'ruche' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['password', '*.password', 'currentPassword', 'newPassword', 'token', 'secret', '*.secret', 'req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
      censor: REDACTED,
    },
    serializers: {
      err: pino.stdSerializers.err,
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: redactUrl(request.url),
        ip: request.ip,
        userAgent: request.headers?.['user-agent'],
      }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
    },
  }, destination);
}
