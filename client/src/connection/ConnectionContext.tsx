import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { ConnectionView, DashboardConnection } from './dashboardConnection';

const ConnectionContext = createContext<DashboardConnection | null>(null);

export function ConnectionProvider({ connection, children }: { connection: DashboardConnection; children: ReactNode }) {
  return <ConnectionContext value={connection}>{children}</ConnectionContext>;
}

/** The app's one connection to the server. */
export function useConnection(): DashboardConnection {
  const connection = useContext(ConnectionContext);
  if (!connection) throw new Error('useConnection needs a ConnectionProvider');
  return connection;
}

/** Connection status; re-renders only when it changes. */
export function useConnectionView(): ConnectionView {
  const connection = useConnection();
  return useSyncExternalStore(connection.subscribeView, connection.getView);
}

/** The server's time, moving twice a second. Use it only where time is shown. */
export function useServerNow(): number {
  const connection = useConnection();
  return useSyncExternalStore(connection.subscribeTick, connection.getServerNow);
}
