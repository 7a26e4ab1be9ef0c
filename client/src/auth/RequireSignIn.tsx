import { useEffect, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useConnection, useConnectionView } from '../connection/ConnectionContext';
import { useAuth } from './AuthContext';

/**
 * Shows its children to a signed-in nurse only, and keeps the live connection open while
 * they are on screen (the server checks the same sign-in at the socket's handshake).
 */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const { state, recheck } = useAuth();
  const location = useLocation();
  const connection = useConnection();
  // Dialled while the sign-in is still being checked, not after: a monitoring screen is
  // nearly always opened signed in, and the socket's handshake checks the same cookie, so
  // the two round trips overlap instead of queueing. Hung up if no one is signed in after all.
  useEffect(() => {
    if (state.phase === 'checking') connection.start();
    else if (state.phase !== 'signed-in') connection.stop();
  }, [state.phase, connection]);
  switch (state.phase) {
    case 'checking':
      return <p className="centre-note">Checking sign-in…</p>;
    case 'unreachable':
      return (
        <div className="centre-note" role="alert">
          <p>
            <strong>Cannot reach the server</strong> ({state.message}). Nothing on this screen is live. Retrying…
          </p>
          <button type="button" className="button" onClick={recheck}>
            Try now
          </button>
        </div>
      );
    case 'signed-out': {
      const next = `${location.pathname}${location.search}`;
      return <Navigate to={`/login${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`} replace />;
    }
    case 'signed-in':
      return <LiveConnection>{children}</LiveConnection>;
  }
}

function LiveConnection({ children }: { children: ReactNode }) {
  const connection = useConnection();
  const { recheck } = useAuth();
  const { problemCode } = useConnectionView();
  useEffect(() => {
    connection.start();
    return () => connection.stop();
  }, [connection]);
  // The socket was refused for want of a sign-in (it ran out, or was ended elsewhere).
  useEffect(() => {
    if (problemCode === 'unauthorized') recheck();
  }, [problemCode, recheck]);
  return children;
}
