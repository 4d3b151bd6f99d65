// Route guard: renders its child routes for a signed-in user and sends
// anyone else to the sign-in page, remembering where they wanted to go.
import { Navigate, Outlet, useLocation } from 'react-router';
import { Loading } from '../components/loading';
import { useSession } from '../session/session-context';
import { withNext } from './next-path';

export function RequireSignedIn() {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'anonymous') {
    const wanted = `${location.pathname}${location.search}`;
    return <Navigate to={withNext('/sign-in', wanted)} replace />;
  }
  return <Outlet />;
}
