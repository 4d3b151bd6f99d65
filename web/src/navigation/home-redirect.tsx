// The site root: signed-in users see their instances, others the sign-in page.
import { Navigate } from 'react-router';
import { Loading } from '../components/loading';
import { useSession } from '../session/session-context';
import { DEFAULT_SIGNED_IN_PATH } from './next-path';

export function HomeRedirect() {
  const { state } = useSession();
  if (state.status === 'loading') return <Loading />;
  return <Navigate to={state.status === 'signed-in' ? DEFAULT_SIGNED_IN_PATH : '/sign-in'} replace />;
}
