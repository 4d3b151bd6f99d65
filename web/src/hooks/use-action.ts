// Runs one user-triggered API call (a form submit, a button) and tracks what
// the UI needs around it: whether it is pending and the error it ended with.
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Action<Args extends unknown[], Result> {
  /** Resolves to the result, or to undefined when the call failed. */
  run: (...args: Args) => Promise<Result | undefined>;
  pending: boolean;
  error: unknown;
  clearError: () => void;
}

export function useAction<Args extends unknown[], Result>(
  perform: (...args: Args) => Promise<Result>,
): Action<Args, Result> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Keep the latest callback without making `run` change on every render.
  const performRef = useRef(perform);
  useEffect(() => {
    performRef.current = perform;
  });
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(async (...args: Args) => {
    setPending(true);
    setError(null);
    try {
      return await performRef.current(...args);
    } catch (caught) {
      if (mounted.current) setError(caught);
      return undefined;
    } finally {
      if (mounted.current) setPending(false);
    }
  }, []);

  const clearError = useCallback(() => setError(null), []);
  return { run, pending, error, clearError };
}
