import { Link, Route, Routes } from 'react-router';
import { AlarmSoundControl } from './alarms/AlarmSoundControl';
import { EscalationBanner } from './alarms/EscalationBanner';
import { useConnectionView } from './connection/ConnectionContext';
import { ConnectionLostBanner } from './connection/ConnectionLostBanner';
import { ConnectionStatusPill } from './connection/ConnectionStatusPill';
import { SessionViewPage } from './session/SessionViewPage';
import { SessionListPage } from './sessions/SessionListPage';

/** The frame every screen shares: connection and sound always visible, then the page. */
export function App() {
  const { status } = useConnectionView();
  return (
    <div className={`app app--${status}`}>
      <header className="top-bar">
        <Link to="/" className="top-bar__brand">
          Infusion monitor
        </Link>
        <nav className="top-bar__nav" aria-label="Main">
          <Link to="/">Sessions</Link>
        </nav>
        <div className="top-bar__status">
          <AlarmSoundControl />
          <ConnectionStatusPill />
        </div>
      </header>
      <ConnectionLostBanner />
      <EscalationBanner />
      <main className="app__main">
        <Routes>
          <Route path="/" element={<SessionListPage />} />
          <Route path="/sessions/:id" element={<SessionViewPage />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </main>
    </div>
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
