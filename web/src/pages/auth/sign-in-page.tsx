// /sign-in: returns to `?next=` (or the instances page) once signed in.
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useT } from '../../i18n/i18n-context';
import { safeNextPath, withNext } from '../../navigation/next-path';
import { useSession } from '../../session/session-context';
import { AuthCard } from './auth-layout';
import { SignInForm } from './sign-in-form';

export function SignInPage() {
  const t = useT();
  const navigate = useNavigate();
  const { startSession } = useSession();
  const [searchParams] = useSearchParams();
  const next = searchParams.get('next');

  return (
    <AuthCard title={t('signIn.title')}>
      <SignInForm
        initialEmail={searchParams.get('email') ?? ''}
        onSignedIn={(session) => {
          startSession(session);
          navigate(safeNextPath(next), { replace: true });
        }}
      />
      <p className="auth-links">
        <Link to="/forgot-password">{t('signIn.forgot')}</Link>
      </p>
      <p className="auth-links">
        {t('signIn.noAccount')} <Link to={withNext('/sign-up', next)}>{t('signIn.toSignUp')}</Link>
      </p>
    </AuthCard>
  );
}
