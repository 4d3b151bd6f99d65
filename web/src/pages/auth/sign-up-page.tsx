// /sign-up: creates the account and signs in straight away.
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useT } from '../../i18n/i18n-context';
import { safeNextPath, withNext } from '../../navigation/next-path';
import { useSession } from '../../session/session-context';
import { AuthCard } from './auth-layout';
import { SignUpForm } from './sign-up-form';

export function SignUpPage() {
  const t = useT();
  const navigate = useNavigate();
  const { startSession } = useSession();
  const [searchParams] = useSearchParams();
  const next = searchParams.get('next');

  return (
    <AuthCard title={t('signUp.title')}>
      <SignUpForm
        initialEmail={searchParams.get('email') ?? ''}
        onSignedUp={(session) => {
          startSession(session);
          navigate(safeNextPath(next), { replace: true });
        }}
      />
      <p className="auth-links">
        {t('signUp.haveAccount')} <Link to={withNext('/sign-in', next)}>{t('signUp.toSignIn')}</Link>
      </p>
    </AuthCard>
  );
}
