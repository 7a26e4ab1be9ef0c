import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { RequestError } from '../api/http';
import { useAuth } from './AuthContext';
import { setUpFirstAccount } from './authApi';
import './auth.css';

/** First start: the administrator's account, made with the one-time code the server printed. */
export function SetupPage() {
  const { state, signedIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form, setForm] = useState({
    setupCode: params.get('code') ?? '',
    username: '',
    displayName: '',
    password: '',
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (state.phase === 'signed-in') return <Navigate to="/" replace />;

  const field = (key: keyof typeof form) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value })),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setUpFirstAccount(form).then(
      (user) => {
        signedIn(user);
        void navigate('/', { replace: true });
      },
      (err: unknown) => {
        setBusy(false);
        setError(err instanceof RequestError ? err.message : 'Could not create the account');
      },
    );
  };

  return (
    <main className="auth-page">
      <form className="auth-card" onSubmit={submit} aria-labelledby="setup-title">
        <h1 id="setup-title">First start – administrator account</h1>
        <p className="muted">The administrator then adds the nurses’ accounts.</p>
        <label>
          Setup code (printed by the server)
          <input name="setupCode" required autoComplete="off" {...field('setupCode')} />
        </label>
        <label>
          Username
          <input name="username" required autoComplete="username" {...field('username')} />
        </label>
        <label>
          Name as shown on acknowledgements
          <input name="displayName" required autoComplete="name" {...field('displayName')} />
        </label>
        <label>
          Password (at least 10 characters; a passphrase is best)
          <input
            name="password"
            type="password"
            required
            minLength={10}
            autoComplete="new-password"
            {...field('password')}
          />
        </label>
        {error && (
          <p className="notice notice--error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create account and sign in'}
        </button>
      </form>
    </main>
  );
}
