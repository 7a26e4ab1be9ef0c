import { Link, Route, Routes } from 'react-router';
import { AdminNavLink } from './admin/AdminNavLink';
import { AdminPage } from './admin/AdminPage';
import { AlarmSoundControl } from './alarms/AlarmSoundControl';
import { EscalationBanner } from './alarms/EscalationBanner';
import { useAuth } from './auth/AuthContext';
import { RequireSignIn } from './auth/RequireSignIn';
import { SetupPage } from './auth/SetupPage';
import { SignInPage } from './auth/SignInPage';
import { useConnectionView } from './connection/ConnectionContext';
import { ConnectionLostBanner } from './connection/ConnectionLostBanner';
import { ConnectionStatusPill } from './connection/ConnectionStatusPill';
import { ReviewSearchPage } from './review/ReviewSearchPage';
import { ReviewSessionPage } from './review/ReviewSessionPage';
import { SessionViewPage } from './session/SessionViewPage';
import { NewSessionPage } from './sessions/NewSessionPage';
import { SessionListPage } from './sessions/SessionListPage';
import { WardPage } from './ward/WardPage';

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<SignInPage />} />
      <Route path="/setup" element={<SetupPage />} />
      <Route
        path="*"
        element={
          <RequireSignIn>
            <MonitorFrame />
          </RequireSignIn>
        }
      />
    </Routes>
  );
}

/** The frame every monitoring screen shares: connection and sound always visible, then the page. */
function MonitorFrame() {
  const { status } = useConnectionView();
  return (
    <div className={`app app--${status}`}>
      <header className="top-bar">
        <Link to="/" className="top-bar__brand">
          Infusion monitor
        </Link>
        <nav className="top-bar__nav" aria-label="Main">
          <Link to="/">Sessions</Link>
          <Link to="/ward">Ward</Link>
          <Link to="/review">Review</Link>
          <AdminNavLink />
        </nav>
        <div className="top-bar__status">
          <AlarmSoundControl />
          <ConnectionStatusPill />
          <SignedInAs />
        </div>
      </header>
      <ConnectionLostBanner />
      <EscalationBanner />
      <main className="app__main">
        <Routes>
          <Route path="/" element={<SessionListPage />} />
          <Route path="/sessions/new" element={<NewSessionPage />} />
          <Route path="/sessions/:id" element={<SessionViewPage />} />
          <Route path="/ward" element={<WardPage />} />
          <Route path="/review" element={<ReviewSearchPage />} />
          <Route path="/review/:id" element={<ReviewSessionPage />} />
          <Route path="/admin" element={<AdminPage />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </main>
    </div>
  );
}

function SignedInAs() {
  const { state, signOut } = useAuth();
  if (state.phase !== 'signed-in') return null;
  return (
    <span className="top-bar__user">
      <span>{state.user.displayName}</span>
      <button type="button" className="button button--quiet" onClick={() => void signOut()}>
        Sign out
      </button>
    </span>
  );
}

function NotFound() {
  return (
    <section>
      <h1>Page not found</h1>
      <Link to="/">Back to the sessions</Link>
    </section>
  );
}
