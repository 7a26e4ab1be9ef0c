import { dequal } from 'dequal';
import type { AlarmEngineState } from '@infusion/shared';

/** How old a stored alarm state's clocks may get while nothing else about it changes. */
export const ALARM_CLOCKS_STORED_EVERY_MS = 5_000;

/**
 * Every field of the state, sorted into clocks (moved by every reading; stored now and then,
 * which vitals have one stored at once) and the rest (stored with every change). A field added
 * to the state does not compile until it is sorted here.
 */
const FIELDS: Record<keyof AlarmEngineState, 'clock' | 'clocks-by-vital' | 'durable'> = {
  now: 'clock',
  lastDeviceReadingAt: 'clocks-by-vital',
  lastCheckAt: 'clocks-by-vital',
  sessionId: 'durable',
  sessionState: 'durable',
  sessionStateSince: 'durable',
  baseline: 'durable',
  alarms: 'durable',
  pending: 'durable',
  deviceConnected: 'durable',
  alarmCount: 'durable',
};
const FIELD_NAMES = Object.keys(FIELDS) as (keyof AlarmEngineState)[];

/**
 * Whether a session's new alarm state has to be stored with its commit group, given the one
 * stored last. Every change to alarms, pending delays, acknowledgements, audio pauses, the
 * session's state, the monitor's connection or which vitals are being watched is stored at
 * once. Only the clocks that every reading moves (the newest time seen, the newest reading per
 * vital, the newest manual check per vital) are stored at most every 5 s: writing them with
 * every batch was a random-page write per chair per second.
 *
 * After a crash the restored clocks are therefore at most 5 s behind. An older clock can only
 * bring a no-data or overdue-check alarm sooner, never later, and the monitor reconnecting
 * restarts its no-data window anyway.
 */
export function mustStoreAlarmState(stored: AlarmEngineState | undefined, next: AlarmEngineState): boolean {
  if (!stored) return true;
  if (next.now - stored.now >= ALARM_CLOCKS_STORED_EVERY_MS) return true;
  for (const field of FIELD_NAMES) {
    const kind = FIELDS[field];
    if (kind === 'clock') continue;
    const [a, b] = [stored[field], next[field]];
    if (kind === 'durable' ? !dequal(a, b) : !sameKeys(a as object, b as object)) return true;
  }
  return false;
}

function sameKeys(a: object, b: object): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => k in b);
}
