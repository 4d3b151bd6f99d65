// What the sign-in and sign-up pages share: the `?next=` and `?email=`
// parameters, and starting the session then going on to `next`.
import { useNavigate, useSearchParams } from 'react-router';
import type { Session } from '../../api/types';
import { safeNextPath } from '../../navigation/next-path';
import { useSession } from '../../session/session-context';

export function useAuthRedirect() {
  const navigate = useNavigate();
  const { startSession } = useSession();
  const [searchParams] = useSearchParams();
  const next = searchParams.get('next');
  return {
    next,
    initialEmail: searchParams.get('email') ?? '',
    onAuthenticated(session: Session) {
      startSession(session);
      navigate(safeNextPath(next), { replace: true });
    },
  };
}
