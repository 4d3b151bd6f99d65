// The green (online) or hollow (away) dot next to a person in a direct
// conversation, with its meaning in text for assistive technology.
import { useT } from '../../i18n/i18n-context';

export function PresenceDot({ online }: { online: boolean }) {
  const t = useT();
  return (
    <span className={online ? 'presence-dot presence-online' : 'presence-dot'} role="img" aria-label={online ? t('chat.online') : t('chat.offline')} />
  );
}
