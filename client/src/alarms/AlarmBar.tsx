import type { Alarm } from '@infusion/shared';
import { AlarmRow, type AlarmActions } from './AlarmRow';
import './alarms.css';

/**
 * The session's alarms, most urgent first, coloured and flashing by IEC 60601-1-8 priority.
 * `alarms` arrive sorted (see `sortAlarms`).
 */
export function AlarmBar({ alarms, actions }: { alarms: readonly Alarm[]; actions: AlarmActions }) {
  if (alarms.length === 0) {
    return (
      <div className="alarm-bar alarm-bar--quiet" aria-live="polite">
        No active alarms
      </div>
    );
  }
  return (
    <section className="alarm-bar" data-testid="alarm-banner" aria-label="Alarms" aria-live="polite">
      <ul className="alarm-bar__list">
        {alarms.map((alarm) => (
          <AlarmRow key={alarm.id} alarm={alarm} actions={actions} />
        ))}
      </ul>
    </section>
  );
}
