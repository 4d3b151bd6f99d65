// Loads data for a page when it mounts (or when `key` changes), ignoring
// answers that arrive after the page has moved on.
import { useCallback, useEffect, useRef, useState } from 'react';

export type Resource<T> =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; data: T };

export interface ResourceHandle<T> {
  resource: Resource<T>;
  reload: () => void;
  /** Replaces the loaded data after a local change the server confirmed. */
  update: (change: (data: T) => T) => void;
}

export function useResource<T>(load: () => Promise<T>, key: string): ResourceHandle<T> {
  const [resource, setResource] = useState<Resource<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const loadedKey = useRef<string | null>(null);
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    let current = true;
    // A reload keeps showing the old data until the new arrives; only a new
    // key (another instance, another token) blanks the page.
    if (loadedKey.current !== key) {
      loadedKey.current = key;
      setResource({ status: 'loading' });
    }
    loadRef.current().then(
      (data) => {
        if (current) setResource({ status: 'ready', data });
      },
      (error: unknown) => {
        if (current) setResource({ status: 'error', error });
      },
    );
    return () => {
      current = false;
    };
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const update = useCallback((change: (data: T) => T) => {
    setResource((current) =>
      current.status === 'ready' ? { status: 'ready', data: change(current.data) } : current,
    );
  }, []);

  return { resource, reload, update };
}
