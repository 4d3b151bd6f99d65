// Opens the realtime connection of an instance for as long as its pages are
// shown, and closes it when the user leaves the instance. The client exists
// from the first render, so pages can register their listeners before they
// load anything over HTTP and miss no event in between.
import { useEffect, useMemo, type ReactNode } from 'react';
import { RealtimeClient, realtimeUrl } from './realtime-client';
import { RealtimeContext } from './realtime-context';

export function RealtimeProvider({ slug, children }: { slug: string; children: ReactNode }) {
  const client = useMemo(() => new RealtimeClient(realtimeUrl(slug)), [slug]);

  useEffect(() => {
    client.start();
    return () => client.stop();
  }, [client]);

  return <RealtimeContext.Provider value={client}>{children}</RealtimeContext.Provider>;
}
