// The bar across the top of every signed-in page.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useT } from '../i18n/i18n-context';
import { LanguageSwitch } from './language-switch';
import { UserMenu } from './user-menu';

interface AppHeaderProps {
  /** '' outside an instance, '/i/<slug>' inside one (see UserMenu). */
  accountBase: string;
  /** Left-hand extra, e.g. the instance switcher. */
  children?: ReactNode;
  /** Right-hand extra, e.g. the notification bell. */
  end?: ReactNode;
}

export function AppHeader({ accountBase, children, end }: AppHeaderProps) {
  const t = useT();
  return (
    <header className="app-header">
      <div className="app-header-start">
        <Link to="/instances" className="brand">
          <span className="brand-mark" aria-hidden="true">
            ⬢
          </span>
          {t('app.name')}
        </Link>
        {children}
      </div>
      <div className="app-header-end">
        {end}
        <LanguageSwitch />
        <UserMenu accountBase={accountBase} />
      </div>
    </header>
  );
}
