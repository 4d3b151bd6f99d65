// Desktop notifications for new messages while the tab is hidden, through
// the browser's Notification API (only in secure contexts, and only once the
// person allowed it).
import type { Message } from '../../api/chat-types';

export function desktopNotificationsSupported(): boolean {
  return typeof window !== 'undefined' && 'Notification' in window && window.isSecureContext;
}

export function desktopPermission(): NotificationPermission | 'unsupported' {
  return desktopNotificationsSupported() ? Notification.permission : 'unsupported';
}

/** Mentions read as names are unknown here: keep the text short and plain. */
function plainText(markdown: string): string {
  const text = markdown.replace(/<@[0-9a-fA-F-]{36}>/g, '@…').replace(/[*_`>#~]/g, '').replace(/\s+/g, ' ').trim();
  return text.length > 140 ? `${text.slice(0, 139)}…` : text;
}

export function notifyNewMessage(message: Message, title: string, open: () => void): void {
  if (desktopPermission() !== 'granted' || document.visibilityState !== 'hidden') return;
  try {
    // One notification per conversation: a newer message replaces the older one.
    const notification = new Notification(title, { body: plainText(message.body), tag: message.conversationId });
    notification.onclick = () => {
      window.focus();
      open();
      notification.close();
    };
  } catch {
    // Some browsers only allow notifications from a service worker: nothing to show then.
  }
}
