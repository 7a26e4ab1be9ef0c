import { useCallback, useEffect, useState } from 'react';
import { RequestError } from '../api/http';
import { useAuth } from '../auth/AuthContext';

export type ListState<T> = { phase: 'loading' } | { phase: 'ready'; items: T[] } | { phase: 'error'; message: string };

/** Loads a list from the server; `reload` fetches it again (after a change, say). */
export function useList<T>(load: (signal: AbortSignal) => Promise<T[]>): [ListState<T>, () => void] {
  const [state, setState] = useState<ListState<T>>({ phase: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const { recheck } = useAuth();
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (items) => setState({ phase: 'ready', items }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof RequestError && error.status === 401) recheck();
        setState({ phase: 'error', message: error instanceof RequestError ? error.message : 'Could not load' });
      },
    );
    return () => controller.abort();
  }, [load, attempt, recheck]);
  return [state, useCallback(() => setAttempt((n) => n + 1), [])];
}
