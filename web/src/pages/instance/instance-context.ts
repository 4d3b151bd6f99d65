// The instance the current page belongs to, as the signed-in user sees it
// (with their role). Provided by InstanceLayout to every page under /i/:slug.
import { createContext, useContext } from 'react';
import type { MyInstance } from '../../api/types';

export interface InstanceValue {
  instance: MyInstance;
  /** Replaces the instance after a change the server confirmed. */
  replaceInstance: (instance: MyInstance) => void;
  reloadInstance: () => void;
}

export const InstanceContext = createContext<InstanceValue | null>(null);

export function useInstance(): InstanceValue {
  const value = useContext(InstanceContext);
  if (!value) throw new Error('useInstance must be used inside <InstanceLayout>');
  return value;
}

/** The instance if the page is inside one, else null (e.g. /settings). */
export function useOptionalInstance(): MyInstance | null {
  return useContext(InstanceContext)?.instance ?? null;
}
