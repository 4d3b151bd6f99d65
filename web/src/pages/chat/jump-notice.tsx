// Said above the timeline when the message a link opened at is not there to
// show (deleted, or in a conversation I can no longer read): the latest
// messages show instead, and the notice can be put away.
import { useT } from '../../i18n/i18n-context';

export function JumpNotice({ onDismiss }: { onDismiss: () => void }) {
  const t = useT();
  return (
    <div className="alert alert-warning jump-notice" role="status" data-testid="jump-notice">
      <p>{t('chat.jumpMissing')}</p>
      <button type="button" className="button button-quiet" onClick={onDismiss}>
        {t('common.close')}
      </button>
    </div>
  );
}
