// The shape of in-app notifications. `kind` is open on the server side: the
// client names the ones it knows and falls back to a neutral sentence.
import type { GroupRef, PersonRef } from './post-types';

export const NOTIFICATION_KINDS = [
  'mention',
  'comment',
  'reply',
  'reaction',
  'group_invitation',
  'join_request',
  'join_approved',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** How often unread notifications are emailed to a member who has not been active. */
export const DIGEST_FREQUENCIES = ['hourly', 'daily', 'weekly', 'never'] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];

export interface AppNotification {
  id: string;
  kind: string;
  actor: PersonRef | null;
  group: GroupRef | null;
  postId: string | null;
  commentId: string | null;
  createdAt: string;
  read: boolean;
}

export interface NotificationPage {
  items: AppNotification[];
  nextCursor: string | null;
  unreadCount: number;
}
