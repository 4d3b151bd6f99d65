// Says so when the live connection is lost (and that it is coming back);
// messages sent meanwhile still go through HTTP.
import { useT } from '../../i18n/i18n-context';
import { useConnectionStatus } from '../../realtime/use-stream';

export function ConnectionNotice() {
  const t = useT();
  const status = useConnectionStatus();
  if (status !== 'offline') return null;
  return (
    <p className="connection-notice" role="status" data-testid="connection-notice">
      {t('chat.reconnecting')}
    </p>
  );
}
