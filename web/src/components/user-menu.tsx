// The signed-in user's menu: profile, settings, the instances page, sign out.
import { Link, useNavigate } from 'react-router';
import { useT } from '../i18n/i18n-context';
import { useSession } from '../session/session-context';
import { Dropdown } from './dropdown';

/** `accountBase` is '' outside an instance, or '/i/<slug>' inside one. */
export function UserMenu({ accountBase }: { accountBase: string }) {
  const t = useT();
  const navigate = useNavigate();
  const { user, endSession } = useSession();
  if (!user) return null;

  return (
    <Dropdown align="end" button={<span className="user-name">{user.displayName}</span>}>
      {(close) => (
        <ul className="menu-list">
          <li>
            <Link to={`${accountBase}/profile`} onClick={close}>
              {t('userMenu.profile')}
            </Link>
          </li>
          <li>
            <Link to={`${accountBase}/settings`} onClick={close}>
              {t('userMenu.settings')}
            </Link>
          </li>
          <li>
            <Link to="/instances" onClick={close}>
              {t('userMenu.instances')}
            </Link>
          </li>
          <li>
            <button
              type="button"
              className="menu-button"
              onClick={async () => {
                close();
                await endSession();
                navigate('/sign-in');
              }}
            >
              {t('userMenu.signOut')}
            </button>
          </li>
        </ul>
      )}
    </Dropdown>
  );
}
