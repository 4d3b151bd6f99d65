// The one family of errors the server raises on purpose. Each carries an HTTP
// status and a stable `code` that clients may switch on; the HTTP layer turns
// them into RFC 9457 problem+json (see http/problems.ts). Anything else that
// escapes is a bug and is answered as a bare 500 without details.

export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;
  readonly errors: Array<{ path: string; message: string }> | undefined;

  constructor(status: number, code: string, detail: string, options: {
    headers?: Record<string, string>;
    errors?: Array<{ path: string; message: string }>;
  } = {}) {
    super(detail);
    this.status = status;
    this.code = code;
    this.headers = options.headers ?? {};
    this.errors = options.errors;
  }
}

export const badRequest = (code: string, detail: string) => new AppError(400, code, detail);
export const validationFailed = (detail: string, errors?: Array<{ path: string; message: string }>) =>
  new AppError(400, 'validation_failed', detail, errors ? { errors } : {});
export const unauthenticated = (detail = 'Sign in to continue.') => new AppError(401, 'unauthenticated', detail);
export const forbidden = (detail = 'You do not have permission to do this.', code = 'forbidden') => new AppError(403, code, detail);
export const notFound = (detail = 'Not found.') => new AppError(404, 'not_found', detail);
export const conflict = (code: string, detail: string) => new AppError(409, code, detail);
export const tooManyRequests = (retryAfterSeconds: number) =>
  new AppError(429, 'rate_limited', `Too many attempts. Try again in ${retryAfterSeconds} seconds.`, {
    headers: { 'retry-after': String(retryAfterSeconds) },
  });
