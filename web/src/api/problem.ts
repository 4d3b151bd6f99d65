// The error the API client throws: an RFC 9457 problem as sent by the server,
// or one we synthesise when the server could not be reached or answered with
// something that is not a problem document.

export interface FieldError {
  /** Where the server found the problem (JSON pointer or field name). */
  field?: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly fieldErrors: FieldError[];

  constructor(init: {
    status: number;
    code: string;
    title: string;
    detail?: string;
    fieldErrors?: FieldError[];
  }) {
    super(init.detail ?? init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.fieldErrors = init.fieldErrors ?? [];
  }
}

/** Codes the client invents; the server never sends them. */
export const NETWORK_ERROR = 'network_error';
export const UNEXPECTED_RESPONSE = 'unexpected_response';

function readString(source: Record<string, unknown>, key: string): string | undefined {
  const value = source[key];
  return typeof value === 'string' ? value : undefined;
}

// The contract leaves the shape of `errors` open, so accept the common
// spellings (`field`, `path`, `pointer`, `instancePath`) and skip the rest.
function readFieldErrors(raw: unknown): FieldError[] {
  if (!Array.isArray(raw)) return [];
  const found: FieldError[] = [];
  for (const entry of raw) {
    if (typeof entry !== 'object' || entry === null) continue;
    const record = entry as Record<string, unknown>;
    const message = readString(record, 'message') ?? readString(record, 'detail');
    if (!message) continue;
    const field =
      readString(record, 'field') ??
      readString(record, 'path') ??
      readString(record, 'pointer') ??
      readString(record, 'instancePath');
    found.push({ field, message });
  }
  return found;
}

export function problemFromBody(status: number, body: unknown): ApiError {
  if (typeof body !== 'object' || body === null) {
    return new ApiError({ status, code: UNEXPECTED_RESPONSE, title: `HTTP ${status}` });
  }
  const record = body as Record<string, unknown>;
  return new ApiError({
    status,
    code: readString(record, 'code') ?? UNEXPECTED_RESPONSE,
    title: readString(record, 'title') ?? `HTTP ${status}`,
    detail: readString(record, 'detail'),
    fieldErrors: readFieldErrors(record.errors),
  });
}
