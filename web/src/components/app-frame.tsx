// The layout of every signed-in page: skip link, header, optional sidebar,
// and the main landmark the skip link points at.
import type { ReactNode } from 'react';
import { AppHeader } from './app-header';
import { MAIN_CONTENT_ID, SkipLink } from './skip-link';

interface AppFrameProps {
  /** See UserMenu: '' outside an instance, '/i/<slug>' inside one. */
  accountBase: string;
  headerStart?: ReactNode;
  /** Right-hand extra before the language and user menus, e.g. the notification bell. */
  headerEnd?: ReactNode;
  sidebar?: ReactNode;
  content: ReactNode;
}

export function AppFrame({ accountBase, headerStart, headerEnd, sidebar, content }: AppFrameProps) {
  return (
    <div className="app-shell">
      <SkipLink />
      <AppHeader accountBase={accountBase} end={headerEnd}>
        {headerStart}
      </AppHeader>
      <div className={sidebar ? 'app-body with-sidebar' : 'app-body'}>
        {sidebar}
        <main id={MAIN_CONTENT_ID} className="app-main" tabIndex={-1}>
          {content}
        </main>
      </div>
    </div>
  );
}
