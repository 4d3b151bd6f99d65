// /sign-up: creates the account and signs in straight away.
import { Link } from 'react-router';
import { useT } from '../../i18n/i18n-context';
import { withNext } from '../../navigation/next-path';
import { AuthCard } from './auth-layout';
import { SignUpForm } from './sign-up-form';
import { useAuthRedirect } from './use-auth-redirect';

export function SignUpPage() {
  const t = useT();
  const { next, initialEmail, onAuthenticated } = useAuthRedirect();

  return (
    <AuthCard title={t('signUp.title')}>
      <SignUpForm initialEmail={initialEmail} onSignedUp={onAuthenticated} />
      <p className="auth-links">
        {t('signUp.haveAccount')} <Link to={withNext('/sign-in', next)}>{t('signUp.toSignIn')}</Link>
      </p>
    </AuthCard>
  );
}
