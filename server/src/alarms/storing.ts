import { isDeepStrictEqual } from 'node:util';
import type { AlarmEngineState } from '@infusion/shared';

/** How old a stored alarm state's clocks may get while nothing else about it changes. */
export const ALARM_CLOCKS_STORED_EVERY_MS = 5_000;

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
  return !isDeepStrictEqual(withoutClocks(stored), withoutClocks(next));
}

/** The state with its clocks' values taken out; which vitals have a clock stays in. */
function withoutClocks(state: AlarmEngineState): Record<string, unknown> {
  const { now: _now, lastDeviceReadingAt, lastCheckAt, ...rest } = state;
  return {
    ...rest,
    deviceVitals: Object.keys(lastDeviceReadingAt).sort(),
    checkedVitals: Object.keys(lastCheckAt).sort(),
  };
}
