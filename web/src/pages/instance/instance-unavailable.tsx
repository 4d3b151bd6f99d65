// Why an instance cannot be shown: it does not exist (for this user), they
// are not allowed in, or it is suspended.
import { Link } from 'react-router';
import { EmptyState } from '../../components/empty-state';
import type { IconName } from '../../components/icon';
import { useT } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/en';

export type UnavailableReason = 'not-found' | 'forbidden' | 'suspended';

const messages: Record<UnavailableReason, { title: MessageKey; body: MessageKey; icon: IconName }> = {
  'not-found': { title: 'state.notFoundTitle', body: 'state.notFoundBody', icon: 'compass' },
  forbidden: { title: 'state.forbiddenTitle', body: 'state.forbiddenBody', icon: 'lock' },
  suspended: { title: 'state.suspendedTitle', body: 'state.suspendedBody', icon: 'pause' },
};

export function InstanceUnavailable({ reason }: { reason: UnavailableReason }) {
  const t = useT();
  const message = messages[reason];
  return (
    <div data-testid={`instance-${reason}`}>
      <EmptyState
        icon={message.icon}
        title={t(message.title)}
        action={
          <Link className="button button-secondary" to="/instances">
            {t('state.backToInstances')}
          </Link>
        }
      >
        <p>{t(message.body)}</p>
      </EmptyState>
    </div>
  );
}
