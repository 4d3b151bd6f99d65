// Who is using the app: nobody yet (loading), an anonymous visitor, or a
// signed-in user with their instances. Pages read it through useSession().
import { createContext, useContext } from 'react';
import type { MyInstance, Session, User } from '../api/types';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'signed-in'; session: Session };

export interface SessionValue {
  state: SessionState;
  /** The signed-in user, or null while loading or when anonymous. */
  user: User | null;
  instances: MyInstance[];
  /** Adopts a session returned by sign-in or sign-up. */
  startSession: (session: Session) => void;
  /** Reloads /me, e.g. after joining or creating an instance. */
  refreshSession: () => Promise<void>;
  replaceUser: (user: User) => void;
  endSession: () => Promise<void>;
}

export const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}
