import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { useConnection } from '../connection/ConnectionContext';
import { WardStore, type WardView } from './wardStore';

/** Watches the whole ward for as long as the calling component is on screen. */
export function useWard(): { view: WardView; store: WardStore } {
  const connection = useConnection();
  const store = useMemo(() => new WardStore(connection), [connection]);
  useEffect(() => {
    store.start();
    return () => store.stop();
  }, [store]);
  const view = useSyncExternalStore(store.subscribe, store.getView);
  return { view, store };
}
