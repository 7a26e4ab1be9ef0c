import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { SoundProvider } from './alarms/SoundContext';
import { AlarmTonePlayer } from './alarms/tones';
import { App } from './App';
import { AuthProvider } from './auth/AuthContext';
import { ConnectionProvider } from './connection/ConnectionContext';
import { DashboardConnection } from './connection/dashboardConnection';
import { openDashboardSocket } from './connection/socket';
import './styles.css';
import './connection/connection.css';

// One connection and one tone player for the page's whole life, outside React so that
// re-renders never drop the socket or the audio. The connection opens once signed in.
const connection = new DashboardConnection(openDashboardSocket());
const player = new AlarmTonePlayer();
player.install();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <ConnectionProvider connection={connection}>
      <SoundProvider player={player}>
        <AuthProvider>
          <BrowserRouter>
            <App />
          </BrowserRouter>
        </AuthProvider>
      </SoundProvider>
    </ConnectionProvider>
  </StrictMode>,
);
