// Listens to one realtime stream while a component is mounted. The listener
// may change on every render: the latest one is called, and the stream is
// subscribed once.
import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import type { ConnectionStatus } from './realtime-client';
import { useRealtimeClient } from './realtime-context';
import type { StreamListener } from './stream-registry';

export function useStream(stream: string | null, listener: StreamListener, since: number | null = null): void {
  const client = useRealtimeClient();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  // `since` matters only when the stream starts being followed.
  const sinceRef = useRef(since);
  useEffect(() => {
    sinceRef.current = since;
  });

  useEffect(() => {
    if (!client || !stream) return;
    return client.subscribe(
      stream,
      {
        onEvent: (event) => latest.current.onEvent?.(event),
        onReset: (seq) => latest.current.onReset?.(seq),
        onTyping: (userId) => latest.current.onTyping?.(userId),
        onEnded: (reason) => latest.current.onEnded?.(reason),
        onSubscribed: (head) => latest.current.onSubscribed?.(head),
      },
      sinceRef.current,
    );
  }, [client, stream]);
}

/** Calls `refresh` after every reconnect, for data no stream carries. */
export function useOnReconnect(refresh: () => void): void {
  const client = useRealtimeClient();
  const latest = useRef(refresh);
  useEffect(() => {
    latest.current = refresh;
  });
  useEffect(() => client?.onReconnect(() => latest.current()), [client]);
}

export function useConnectionStatus(): ConnectionStatus {
  const client = useRealtimeClient();
  const subscribe = useCallback(
    (onChange: () => void) => (client ? client.onStatus(onChange) : () => undefined),
    [client],
  );
  return useSyncExternalStore(subscribe, () => client?.getStatus() ?? 'connecting');
}
