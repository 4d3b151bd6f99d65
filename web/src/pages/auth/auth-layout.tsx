// The frame of the pages used without a session (sign-in, sign-up, password
// reset, invitations): the brand, the language switch and a centred card.
import type { ReactNode } from 'react';
import { Outlet } from 'react-router';
import { LanguageSwitch } from '../../components/language-switch';
import { MAIN_CONTENT_ID } from '../../components/skip-link';
import { useT } from '../../i18n/i18n-context';

export function AuthLayout() {
  const t = useT();
  return (
    <div className="auth-layout">
      <header className="auth-header">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true">
            ⬢
          </span>
          {t('app.name')}
        </span>
        <LanguageSwitch />
      </header>
      <main id={MAIN_CONTENT_ID} className="auth-main">
        <Outlet />
      </main>
    </div>
  );
}

export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="card auth-card">
      <h1>{title}</h1>
      {children}
    </section>
  );
}
