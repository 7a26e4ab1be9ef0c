import { useCallback, useSyncExternalStore } from 'react';
import { useConnection } from '../connection/ConnectionContext';
import { STALE_AFTER_MS } from '../session/dataAge';

/**
 * Whether a value measured at `measuredAt` must be shown as not live: too old, or the
 * connection is not live. Re-renders only when that flips, not on every clock tick.
 */
export function useStale(measuredAt: number | null): boolean {
  const connection = useConnection();
  const read = useCallback(
    () => measuredAt !== null && (!connection.isLive || connection.getServerNow() - measuredAt > STALE_AFTER_MS),
    [connection, measuredAt],
  );
  return useSyncExternalStore(connection.subscribeTick, read);
}
