// Email and password sign-in. Used by the sign-in page and by the invitation
// page, which each decide what happens once the session exists.
import { useState, type FormEvent } from 'react';
import { signIn } from '../../api/auth';
import type { Session } from '../../api/types';
import { FormError } from '../../components/form-error';
import { SubmitButton } from '../../components/submit-button';
import { TextField } from '../../components/text-field';
import { useAction } from '../../hooks/use-action';
import { useT } from '../../i18n/i18n-context';

interface SignInFormProps {
  initialEmail?: string;
  onSignedIn: (session: Session) => void;
}

export function SignInForm({ initialEmail = '', onSignedIn }: SignInFormProps) {
  const t = useT();
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState('');
  const action = useAction(signIn);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const session = await action.run({ email: email.trim(), password });
    if (session) onSignedIn(session);
  }

  return (
    <form className="form" onSubmit={submit}>
      <FormError error={action.error} />
      <TextField
        label={t('field.email')}
        type="email"
        autoComplete="email"
        required
        value={email}
        onChange={setEmail}
      />
      <TextField
        label={t('field.password')}
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={setPassword}
      />
      <SubmitButton pending={action.pending} pendingLabel={t('signIn.pending')}>
        {t('signIn.submit')}
      </SubmitButton>
    </form>
  );
}
