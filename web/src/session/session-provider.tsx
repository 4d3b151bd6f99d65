// Loads the current session once at start-up and keeps the CSRF token and
// the interface language in step with it.
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { signOut } from '../api/auth';
import { setCsrfToken } from '../api/client';
import { fetchMe } from '../api/me';
import type { Session, User } from '../api/types';
import { useLocale } from '../i18n/i18n-context';
import { SessionContext, type SessionState, type SessionValue } from './session-context';

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const { setLocale } = useLocale();

  const startSession = useCallback(
    (session: Session) => {
      setCsrfToken(session.csrfToken);
      // The account's language wins over the browser's once we know who it is.
      setLocale(session.user.locale);
      setState({ status: 'signed-in', session });
    },
    [setLocale],
  );

  const forgetSession = useCallback(() => {
    setCsrfToken(null);
    setState({ status: 'anonymous' });
  }, []);

  const refreshSession = useCallback(async () => {
    try {
      startSession(await fetchMe());
    } catch {
      // 401 means anonymous; any other failure leaves us unable to act as
      // the user, so the sign-in page is the honest place to be.
      forgetSession();
    }
  }, [startSession, forgetSession]);

  useEffect(() => {
    void refreshSession();
  }, [refreshSession]);

  const replaceUser = useCallback((user: User) => {
    setState((current) =>
      current.status === 'signed-in'
        ? { status: 'signed-in', session: { ...current.session, user } }
        : current,
    );
  }, []);

  const endSession = useCallback(async () => {
    try {
      await signOut();
    } catch {
      // The user asked to leave: even if the server could not be told, stop
      // acting as them here. The cookie expires on its own.
    }
    forgetSession();
  }, [forgetSession]);

  const value = useMemo<SessionValue>(() => {
    const session = state.status === 'signed-in' ? state.session : null;
    return {
      state,
      user: session?.user ?? null,
      instances: session?.instances ?? [],
      startSession,
      refreshSession,
      replaceUser,
      endSession,
    };
  }, [state, startSession, refreshSession, replaceUser, endSession]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
