// What the visitor can do with an invitation, depending on who they are:
// anonymous (sign up or sign in, then accept), the invited user (accept), or
// someone else (sign out first: the server only accepts the invited email).
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { acceptInvitation } from '../../api/invitations';
import type { Session } from '../../api/types';
import { FormError } from '../../components/form-error';
import { Loading } from '../../components/loading';
import { useAction } from '../../hooks/use-action';
import { useT } from '../../i18n/i18n-context';
import { useSession } from '../../session/session-context';
import { SignInForm } from '../auth/sign-in-form';
import { SignUpForm } from '../auth/sign-up-form';

interface JoinActionsProps {
  slug: string;
  token: string;
  invitedEmail: string;
}

function sameEmail(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

export function JoinActions({ slug, token, invitedEmail }: JoinActionsProps) {
  const t = useT();
  const navigate = useNavigate();
  const { state, user, startSession, refreshSession, endSession } = useSession();
  const [mode, setMode] = useState<'sign-up' | 'sign-in'>('sign-up');
  const accept = useAction(async () => {
    const instance = await acceptInvitation(slug, token);
    await refreshSession();
    navigate(`/i/${instance.slug}`);
  });

  function onAuthenticated(session: Session) {
    startSession(session);
    void accept.run();
  }

  if (state.status === 'loading') return <Loading />;

  if (!user) {
    return (
      <div className="join-auth">
        <div className="segmented" role="group">
          <button type="button" aria-pressed={mode === 'sign-up'} onClick={() => setMode('sign-up')}>
            {t('join.newHere')}
          </button>
          <button type="button" aria-pressed={mode === 'sign-in'} onClick={() => setMode('sign-in')}>
            {t('join.haveAccount')}
          </button>
        </div>
        {mode === 'sign-up' ? (
          <SignUpForm initialEmail={invitedEmail} onSignedUp={onAuthenticated} />
        ) : (
          <SignInForm initialEmail={invitedEmail} onSignedIn={onAuthenticated} />
        )}
      </div>
    );
  }

  if (!sameEmail(user.email, invitedEmail)) {
    return (
      <div className="form">
        <FormError error={accept.error} />
        <div className="alert alert-warning" role="alert">
          {t('join.wrongAccount', { current: user.email, email: invitedEmail })}
        </div>
        <button type="button" className="button button-secondary" onClick={() => void endSession()}>
          {t('join.signOut')}
        </button>
      </div>
    );
  }

  return (
    <div className="form">
      <FormError error={accept.error} />
      <button
        type="button"
        className="button button-primary"
        disabled={accept.pending}
        aria-busy={accept.pending || undefined}
        onClick={() => void accept.run()}
      >
        {accept.pending ? t('join.accepting') : t('join.accept')}
      </button>
    </div>
  );
}
