import type { User } from '@infusion/shared';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { RequestError } from '../api/http';
import { fetchWhoAmI, signOut as postSignOut } from './authApi';

export type AuthState =
  | { phase: 'checking' }
  | { phase: 'signed-out'; setupNeeded: boolean }
  | { phase: 'signed-in'; user: User }
  | { phase: 'unreachable'; message: string };

interface Auth {
  state: AuthState;
  /** Asks the server again (after a 401, say). */
  recheck: () => void;
  signedIn: (user: User) => void;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

/** While the server cannot be reached at start-up, ask again this often. */
const RETRY_MS = 3_000;

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ phase: 'checking' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    let retry: ReturnType<typeof setTimeout> | null = null;
    fetchWhoAmI(controller.signal).then(
      (me) =>
        setState(
          me.user ? { phase: 'signed-in', user: me.user } : { phase: 'signed-out', setupNeeded: me.setupNeeded },
        ),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({
          phase: 'unreachable',
          message: error instanceof RequestError ? error.message : 'Could not reach the server',
        });
        retry = setTimeout(() => setAttempt((n) => n + 1), RETRY_MS);
      },
    );
    return () => {
      controller.abort();
      if (retry !== null) clearTimeout(retry);
    };
  }, [attempt]);

  const recheck = useCallback(() => setAttempt((n) => n + 1), []);
  const signedIn = useCallback((user: User) => setState({ phase: 'signed-in', user }), []);
  const signOut = useCallback(async () => {
    try {
      await postSignOut();
    } finally {
      setState({ phase: 'signed-out', setupNeeded: false });
    }
  }, []);
  const auth = useMemo(() => ({ state, recheck, signedIn, signOut }), [state, recheck, signedIn, signOut]);
  return <AuthContext value={auth}>{children}</AuthContext>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth needs an AuthProvider');
  return auth;
}
