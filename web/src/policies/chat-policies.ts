// Which message actions to offer. Like the other policies these only decide
// what to show; they mirror the server's chat policies (authors edit their
// own messages; authors and instance administrators delete) and the server
// checks again.
import type { Message } from '../api/chat-types';
import type { InstanceRole } from '../api/types';
import { canAdministerInstance } from './instance-policies';

export interface ChatViewer {
  userId: string;
  instanceRole: InstanceRole;
}

export function canEditMessage(viewer: ChatViewer, message: Message): boolean {
  return message.deletedAt === null && message.author.id === viewer.userId;
}

export function canDeleteMessage(viewer: ChatViewer, message: Message): boolean {
  return message.deletedAt === null && (message.author.id === viewer.userId || canAdministerInstance(viewer.instanceRole));
}
