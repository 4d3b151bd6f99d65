// The unread notification count of the current instance, shared by the bell
// in the header and the notifications page so both agree.
import { createContext, useContext } from 'react';

export interface NotificationsValue {
  unreadCount: number;
  /** Asks the server again (the bell also does so every 30 seconds). */
  refresh: () => void;
  /** Adopts a count the server just answered, e.g. after marking read. */
  setUnreadCount: (count: number) => void;
}

export const NotificationsContext = createContext<NotificationsValue | null>(null);

export function useNotifications(): NotificationsValue {
  const value = useContext(NotificationsContext);
  if (!value) throw new Error('useNotifications must be used inside <NotificationsProvider>');
  return value;
}
