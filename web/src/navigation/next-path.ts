// Where to send the user after they sign in: the page they were trying to
// open, carried in `?next=`. Only same-site paths are accepted, so a crafted
// link cannot bounce a freshly signed-in user to another site.

export const DEFAULT_SIGNED_IN_PATH = '/instances';

export function safeNextPath(raw: string | null): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) {
    return DEFAULT_SIGNED_IN_PATH;
  }
  return raw;
}

/** A link to a page that will come back to `next` once done. */
export function withNext(path: string, next: string | null, extra?: Record<string, string>) {
  const params = new URLSearchParams(extra);
  if (next) params.set('next', next);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}
