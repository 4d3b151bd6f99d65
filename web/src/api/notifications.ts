// The signed-in user's notifications in one instance, their email digest
// setting, and the public unsubscribe link digests carry.
import { apiGet, apiPost, apiPut, segment } from './client';
import type { DigestFrequency, NotificationPage } from './notification-types';

function notificationsPath(slug: string): string {
  return `/i/${segment(slug)}/notifications`;
}

export function listNotifications(
  slug: string,
  options: { cursor: string | null; limit?: number; unreadOnly?: boolean },
): Promise<NotificationPage> {
  return apiGet<NotificationPage>(notificationsPath(slug), {
    limit: options.limit ?? 30,
    cursor: options.cursor,
    unread: options.unreadOnly ? 'true' : undefined,
  });
}

/** Marks the given notifications read, or all of them; answers the new unread count. */
export function markNotificationsRead(
  slug: string,
  which: { ids: string[] } | { all: true },
): Promise<{ marked: number; unreadCount: number }> {
  return apiPost(`${notificationsPath(slug)}/read`, which);
}

export function fetchDigestFrequency(slug: string): Promise<{ digest: DigestFrequency }> {
  return apiGet(`/i/${segment(slug)}/notification-settings`);
}

export function setDigestFrequency(slug: string, digest: DigestFrequency): Promise<{ digest: DigestFrequency }> {
  return apiPut(`/i/${segment(slug)}/notification-settings`, { digest });
}

/** Needs no session: the token from the digest email is the credential. */
export function unsubscribeFromDigests(slug: string, token: string): Promise<void> {
  return apiPost(`/i/${segment(slug)}/unsubscribe`, { token });
}
