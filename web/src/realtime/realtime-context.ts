// The realtime connection of the current instance, for any component under
// InstanceLayout; null outside an instance.
import { createContext, useContext } from 'react';
import type { RealtimeClient } from './realtime-client';

export const RealtimeContext = createContext<RealtimeClient | null>(null);

export function useRealtimeClient(): RealtimeClient | null {
  return useContext(RealtimeContext);
}
