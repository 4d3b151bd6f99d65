// A centred message with an optional action: used for "coming soon",
// not-found, forbidden and suspended states.
import type { ReactNode } from 'react';
import { Icon, type IconName } from './icon';

interface EmptyStateProps {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
  /** Decorative symbol shown above the title. */
  icon?: IconName;
}

export function EmptyState({ title, children, action, icon }: EmptyStateProps) {
  return (
    <section className="empty-state">
      {icon && (
        <div className="empty-state-icon">
          <Icon name={icon} size={40} />
        </div>
      )}
      <h1>{title}</h1>
      {children && <div className="empty-state-body">{children}</div>}
      {action && <div className="empty-state-action">{action}</div>}
    </section>
  );
}
