// The layout of every signed-in page: skip link, header, optional sidebar,
// and the main landmark the skip link points at.
import type { ReactNode } from 'react';
import { AppHeader } from './app-header';
import { MAIN_CONTENT_ID, SkipLink } from './skip-link';

interface AppFrameProps {
  /** See UserMenu: '' outside an instance, '/i/<slug>' inside one. */
  accountBase: string;
  headerStart?: ReactNode;
  sidebar?: ReactNode;
  content: ReactNode;
}

export function AppFrame({ accountBase, headerStart, sidebar, content }: AppFrameProps) {
  return (
    <div className="app-shell">
      <SkipLink />
      <AppHeader accountBase={accountBase}>{headerStart}</AppHeader>
      <div className={sidebar ? 'app-body with-sidebar' : 'app-body'}>
        {sidebar}
        <main id={MAIN_CONTENT_ID} className="app-main" tabIndex={-1}>
          {content}
        </main>
      </div>
    </div>
  );
}
