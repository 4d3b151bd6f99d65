// The signed-in user's notifications in one instance.
import { apiGet, apiPost, segment } from './client';
import type { NotificationPage } from './notification-types';

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
