// Route guard for sign-in and sign-up: a user who already has a session has
// nothing to do there and goes on to `?next=` or their instances.
import { Navigate, Outlet, useSearchParams } from 'react-router';
import { Loading } from '../components/loading';
import { useSession } from '../session/session-context';
import { safeNextPath } from './next-path';

export function RedirectIfSignedIn() {
  const { state } = useSession();
  const [searchParams] = useSearchParams();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'signed-in') {
    return <Navigate to={safeNextPath(searchParams.get('next'))} replace />;
  }
  return <Outlet />;
}
