// Desktop notifications for new messages while the tab is hidden, through
// the browser's Notification API (only in secure contexts, and only once the
// person allowed it).
export function desktopNotificationsSupported(): boolean {
  return typeof window !== 'undefined' && 'Notification' in window && window.isSecureContext;
}

export function desktopPermission(): NotificationPermission | 'unsupported' {
  return desktopNotificationsSupported() ? Notification.permission : 'unsupported';
}

/** Shows one notification per conversation (a newer message replaces the older one). */
export function notifyNewMessage(note: { conversationId: string; title: string; text: string; open: () => void }): void {
  if (desktopPermission() !== 'granted' || document.visibilityState !== 'hidden') return;
  const body = note.text.length > 140 ? `${note.text.slice(0, 139)}…` : note.text;
  try {
    const notification = new Notification(note.title, { body, tag: note.conversationId });
    notification.onclick = () => {
      window.focus();
      note.open();
      notification.close();
    };
  } catch {
    // Some browsers only allow notifications from a service worker: nothing to show then.
  }
}
