import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { useConnection } from '../connection/ConnectionContext';
import { LiveSessionStore, type LiveSessionView } from './liveSession';

/** Watches a session for as long as the calling component is on screen. */
export function useLiveSession(sessionId: string): { view: LiveSessionView; store: LiveSessionStore } {
  const connection = useConnection();
  const store = useMemo(() => new LiveSessionStore(sessionId, connection), [sessionId, connection]);
  useEffect(() => {
    store.start();
    return () => store.stop();
  }, [store]);
  const view = useSyncExternalStore(store.subscribe, store.getView);
  return { view, store };
}
