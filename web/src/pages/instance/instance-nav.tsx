// The instance sidebar: one link per module (chat with its unread count),
// and Admin for those who may.
import { NavLink } from 'react-router';
import type { MyInstance } from '../../api/types';
import { Icon } from '../../components/icon';
import { useT } from '../../i18n/i18n-context';
import { canAdministerInstance } from '../../policies/instance-policies';
import { ChatNavBadge } from '../chat/chat-nav-badge';
import { ADMIN_MODULE, INSTANCE_MODULES } from './instance-modules';

export function InstanceNav({ instance }: { instance: MyInstance }) {
  const t = useT();
  const modules = canAdministerInstance(instance.role)
    ? [...INSTANCE_MODULES, ADMIN_MODULE]
    : INSTANCE_MODULES;

  return (
    <nav className="instance-nav" aria-label={t('nav.label')}>
      <ul>
        {modules.map((module) => (
          <li key={module.path}>
            <NavLink to={`/i/${instance.slug}/${module.path}`}>
              <Icon name={module.icon} />
              {t(module.labelKey)}
              {module.path === 'chat' && <ChatNavBadge />}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
