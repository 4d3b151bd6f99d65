// The button that asks the browser for permission to show desktop
// notifications, and what was decided. Nothing shows where the browser
// cannot notify (no Notification API, or not a secure context).
import { useState } from 'react';
import { useT } from '../../i18n/i18n-context';
import { desktopPermission } from './desktop-notifications';

export function DesktopNotificationsToggle() {
  const t = useT();
  const [permission, setPermission] = useState(desktopPermission);
  if (permission === 'unsupported') return null;
  if (permission === 'granted') return <p className="chat-side-note">{t('chat.desktopOn')}</p>;
  if (permission === 'denied') return <p className="chat-side-note">{t('chat.desktopBlocked')}</p>;
  return (
    <button
      type="button"
      className="button button-quiet chat-desktop-toggle"
      onClick={() => {
        void Notification.requestPermission().then(setPermission, () => setPermission(desktopPermission()));
      }}
    >
      {t('chat.desktopEnable')}
    </button>
  );
}
