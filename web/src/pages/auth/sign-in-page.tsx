// /sign-in: returns to `?next=` (or the instances page) once signed in.
import { Link } from 'react-router';
import { useT } from '../../i18n/i18n-context';
import { withNext } from '../../navigation/next-path';
import { AuthCard } from './auth-layout';
import { SignInForm } from './sign-in-form';
import { useAuthRedirect } from './use-auth-redirect';

export function SignInPage() {
  const t = useT();
  const { next, initialEmail, onAuthenticated } = useAuthRedirect();

  return (
    <AuthCard title={t('signIn.title')}>
      <SignInForm initialEmail={initialEmail} onSignedIn={onAuthenticated} />
      <p className="auth-links">
        <Link to="/forgot-password">{t('signIn.forgot')}</Link>
      </p>
      <p className="auth-links">
        {t('signIn.noAccount')} <Link to={withNext('/sign-up', next)}>{t('signIn.toSignUp')}</Link>
      </p>
    </AuthCard>
  );
}
