import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { RequestError } from '../api/http';
import { useAuth } from './AuthContext';
import { signIn } from './authApi';
import { safeNext } from './safeNext';
import './auth.css';

export function SignInPage() {
  const { state, signedIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));

  if (state.phase === 'signed-in') return <Navigate to={next} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    signIn({ username, password }).then(
      (user) => {
        signedIn(user);
        void navigate(next, { replace: true });
      },
      (err: unknown) => {
        setBusy(false);
        setError(err instanceof RequestError ? err.message : 'Could not sign in');
      },
    );
  };

  return (
    <main className="auth-page">
      <form className="auth-card" onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Infusion monitor – sign in</h1>
        {state.phase === 'signed-out' && state.setupNeeded && (
          <p className="notice notice--info">
            No accounts yet. Open the first-start link the server printed (<Link to="/setup">set up</Link>).
          </p>
        )}
        <label>
          Username
          <input
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p className="notice notice--error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
