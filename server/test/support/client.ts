// A browser-like API client over app.inject(): keeps the session cookie and
// sends the CSRF token on unsafe methods, as the web client does.
import type { FastifyInstance } from 'fastify';

export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
}

export class Client {
  cookie: string | null = null;
  csrf: string | null = null;
  bearer: string | null = null;
  /** The peer address the server sees (default: light-my-request's 127.0.0.1). */
  remoteAddress: string | null = null;
  private readonly app: FastifyInstance;

  constructor(app: FastifyInstance) {
    this.app = app;
  }

  async request<T = any>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const all: Record<string, string> = { ...headers };
    if (this.cookie) all.cookie = this.cookie;
    if (this.bearer) all.authorization = `Bearer ${this.bearer}`;
    if (this.csrf && !['GET', 'HEAD'].includes(method)) all['x-csrf-token'] = this.csrf;
    const response = await this.app.inject({
      method: method as 'GET',
      url,
      headers: all,
      ...(this.remoteAddress ? { remoteAddress: this.remoteAddress } : {}),
      ...(body === undefined ? {} : typeof body === 'string' ? { payload: body, headers: { 'content-type': 'application/json', ...all } } : { payload: body as object }),
    });
    const setCookie = response.cookies.find((c) => c.name === 'ruche_session');
    if (setCookie) this.cookie = setCookie.value ? `ruche_session=${setCookie.value}` : null;
    const text = response.body;
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    if (parsed && typeof parsed === 'object' && 'csrfToken' in parsed) this.csrf = (parsed as { csrfToken: string }).csrfToken;
    return { status: response.statusCode, body: parsed as T, headers: response.headers };
  }

  get<T = any>(url: string) { return this.request<T>('GET', url); }
  post<T = any>(url: string, body?: unknown) { return this.request<T>('POST', url, body ?? {}); }
  patch<T = any>(url: string, body: unknown) { return this.request<T>('PATCH', url, body); }
  delete<T = any>(url: string) { return this.request<T>('DELETE', url); }
}
