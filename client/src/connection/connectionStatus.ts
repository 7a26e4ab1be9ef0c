/** How this screen's link to the server stands, as the status pill says it. */
export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'lost';

/**
 * A heartbeat comes every second. Silence longer than this counts as a lost connection even
 * while the socket still looks open: a dead server or a half-open link is not noticed by the
 * socket for tens of seconds.
 */
export const HEARTBEAT_TIMEOUT_MS = 3_000;

/** Past this much silence on an open socket, the client drops it and dials again. */
export const FORCE_RECONNECT_AFTER_MS = 10_000;

/** What the connection layer knows, in local clock ms. */
export interface ConnectionFacts {
  socketConnected: boolean;
  everConnected: boolean;
  /** Last heartbeat, connect, or the page's start: the last time the server was known alive. */
  lastSignOfLifeAt: number;
}

/** The status the screen shows for these facts at local time `now`. */
export function connectionStatus(facts: ConnectionFacts, now: number): ConnectionStatus {
  if (now - facts.lastSignOfLifeAt > HEARTBEAT_TIMEOUT_MS) return 'lost';
  if (facts.socketConnected) return 'live';
  return facts.everConnected ? 'reconnecting' : 'connecting';
}

/** The pill's words. */
export const STATUS_LABEL: Readonly<Record<ConnectionStatus, string>> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  lost: 'Connection lost',
};
