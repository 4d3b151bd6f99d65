// Turns every error into an RFC 9457 problem+json answer with a stable code.
// Validation errors from the schemas, body-size and JSON-parse errors from
// Fastify, and our own AppError are mapped; anything else is logged and
// answered as a generic 500 so no internals reach the client.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  409: 'Conflict', 413: 'Content Too Large', 415: 'Unsupported Media Type', 429: 'Too Many Requests',
  500: 'Internal Server Error', 503: 'Service Unavailable',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  errors?: Array<{ path: string; message: string }>;
}

export function sendProblem(reply: FastifyReply, problem: Omit<Problem, 'type' | 'title'>, headers: Record<string, string> = {}) {
  const body: Problem = { type: 'about:blank', title: TITLES[problem.status] ?? 'Error', ...problem };
  return reply.code(problem.status).headers(headers).type('application/problem+json').send(body);
}

function fromFastifyError(error: FastifyError): Omit<Problem, 'type' | 'title'> | null {
  if (error.validation) {
    const errors = error.validation.map((v) => ({
      path: `${error.validationContext ?? 'body'}${v.instancePath || ''}`,
      message: v.keyword === 'additionalProperties'
        ? `must not have the unknown property "${String(v.params.additionalProperty)}"`
        : v.message ?? 'is invalid',
    }));
    const first = errors[0];
    return { status: 400, code: 'validation_failed', detail: first ? `${first.path} ${first.message}` : 'Invalid request.', errors };
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE': return { status: 413, code: 'body_too_large', detail: 'The request body is too large.' };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY': return { status: 400, code: 'malformed_json', detail: 'The request body is not valid JSON.' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': return { status: 415, code: 'unsupported_media_type', detail: 'Send application/json.' };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH': return { status: 400, code: 'bad_content_length', detail: 'Invalid Content-Length.' };
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return { status: error.statusCode, code: 'bad_request', detail: error.message };
  }
  return null;
}

type Fallback = (request: FastifyRequest, reply: FastifyReply) => unknown;

/** Must run before routes are registered: Fastify binds the error handler to a route when it is added. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      return sendProblem(reply, { status: error.status, code: error.code, detail: error.message, ...(error.errors ? { errors: error.errors } : {}) }, error.headers);
    }
    const mapped = fromFastifyError(error);
    if (mapped) return sendProblem(reply, mapped);
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, { status: 500, code: 'internal_error', detail: 'Something went wrong on our side.' });
  });
}

/** `fallback` may answer unmatched requests (the web client's routes) before the 404. */
export function registerNotFoundHandler(app: FastifyInstance, fallback: Fallback | null): void {
  app.setNotFoundHandler((request, reply) => {
    const answered = fallback?.(request, reply);
    if (answered) return answered;
    return sendProblem(reply, { status: 404, code: 'not_found', detail: `No route for ${request.method} ${request.url.split('?')[0]}.` });
  });
}
