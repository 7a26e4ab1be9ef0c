import { describe, expect, it } from 'vitest';
import { connectionStatus, type ConnectionFacts } from './connectionStatus';

const at = 100_000;

describe('connectionStatus', () => {
  it.each<[string, ConnectionFacts, number, string]>([
    [
      'first moments of the page',
      { socketConnected: false, everConnected: false, lastSignOfLifeAt: at },
      at + 500,
      'connecting',
    ],
    [
      'never connected for over 3 s',
      { socketConnected: false, everConnected: false, lastSignOfLifeAt: at },
      at + 3_001,
      'lost',
    ],
    [
      'connected with a heartbeat 1 s ago',
      { socketConnected: true, everConnected: true, lastSignOfLifeAt: at },
      at + 1_000,
      'live',
    ],
    [
      'connected, heartbeat exactly 3 s ago',
      { socketConnected: true, everConnected: true, lastSignOfLifeAt: at },
      at + 3_000,
      'live',
    ],
    [
      'connected but heartbeat silent for over 3 s',
      { socketConnected: true, everConnected: true, lastSignOfLifeAt: at },
      at + 3_001,
      'lost',
    ],
    [
      'socket dropped a moment ago',
      { socketConnected: false, everConnected: true, lastSignOfLifeAt: at },
      at + 1_500,
      'reconnecting',
    ],
    [
      'socket dropped long ago',
      { socketConnected: false, everConnected: true, lastSignOfLifeAt: at },
      at + 60_000,
      'lost',
    ],
  ])('%s', (_name, facts, now, status) => {
    expect(connectionStatus(facts, now)).toBe(status);
  });
});
