// Shows the current instance and lets the user jump to another of theirs, or
// to the page where a new one is created.
import { Link } from 'react-router';
import type { MyInstance } from '../api/types';
import { useT } from '../i18n/i18n-context';
import { useSession } from '../session/session-context';
import { Dropdown } from './dropdown';

export function InstanceSwitcher({ current }: { current: MyInstance }) {
  const t = useT();
  const { instances } = useSession();

  return (
    <Dropdown
      buttonLabel={`${t('switcher.label')} (${current.name})`}
      button={<span className="instance-name">{current.name}</span>}
    >
      {(close) => (
        <ul className="menu-list">
          {instances.map((instance) => (
            <li key={instance.id}>
              <Link
                to={`/i/${instance.slug}`}
                onClick={close}
                aria-current={instance.slug === current.slug ? 'true' : undefined}
              >
                {instance.name}
              </Link>
            </li>
          ))}
          <li className="menu-separator">
            <Link to="/instances#create-instance" onClick={close}>
              {t('switcher.create')}
            </Link>
          </li>
        </ul>
      )}
    </Dropdown>
  );
}
