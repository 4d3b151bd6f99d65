// Account creation. The account starts in the language the interface is
// currently shown in, which is the one the visitor just read the form in.
import { useState, type FormEvent } from 'react';
import { signUp } from '../../api/auth';
import type { Session } from '../../api/types';
import { FormError } from '../../components/form-error';
import { SubmitButton } from '../../components/submit-button';
import { TextField } from '../../components/text-field';
import { useAction } from '../../hooks/use-action';
import { useLocale, useT } from '../../i18n/i18n-context';

interface SignUpFormProps {
  initialEmail?: string;
  onSignedUp: (session: Session) => void;
}

export function SignUpForm({ initialEmail = '', onSignedUp }: SignUpFormProps) {
  const t = useT();
  const { locale } = useLocale();
  const [email, setEmail] = useState(initialEmail);
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction(signUp);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const session = await action.run({
      email: email.trim(),
      displayName: displayName.trim(),
      password,
      locale,
    });
    if (session) onSignedUp(session);
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
        label={t('field.displayName')}
        autoComplete="name"
        required
        maxLength={100}
        value={displayName}
        onChange={setDisplayName}
      />
      <TextField
        label={t('field.password')}
        type="password"
        autoComplete="new-password"
        required
        hint={t('field.passwordHint')}
        value={password}
        onChange={setPassword}
      />
      <SubmitButton pending={action.pending} pendingLabel={t('signUp.pending')}>
        {t('signUp.submit')}
      </SubmitButton>
    </form>
  );
}
