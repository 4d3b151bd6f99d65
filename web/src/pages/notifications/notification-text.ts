// What a notification says and where it leads, for each kind the server
// sends; an unknown kind still reads as a sentence and leads somewhere useful.
import type { AppNotification, NotificationKind } from '../../api/notification-types';
import { NOTIFICATION_KINDS } from '../../api/notification-types';
import type { MessageKey } from '../../i18n/en';
import type { Translate } from '../../i18n/translate';

function isKnownKind(kind: string): kind is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(kind);
}

export function notificationSentence(notification: AppNotification, t: Translate): string {
  const actor = notification.actor?.displayName ?? t('notifications.someone');
  const group = notification.group?.name ?? '';
  if (!isKnownKind(notification.kind)) return t('notifications.kind.other', { actor });
  // Each kind reads differently without a group (a post on a profile).
  const suffix: '' | 'NoGroup' = group ? '' : 'NoGroup';
  const key: MessageKey = `notifications.kind.${notification.kind}${suffix}`;
  return t(key, { actor, group });
}

/** The page a notification opens: its comment, its post, or its group. */
export function notificationLink(notification: AppNotification, slug: string): string {
  const base = `/i/${slug}`;
  if (notification.postId) {
    const anchor = notification.commentId ? `#comment-${notification.commentId}` : '';
    return `${base}/posts/${notification.postId}${anchor}`;
  }
  if (notification.group) {
    const tab = notification.kind === 'join_request' ? '/requests' : '';
    return `${base}/groups/${notification.group.id}${tab}`;
  }
  return `${base}/notifications`;
}
