import type { Alarm } from '@infusion/shared';
import { PRIORITY_PREFIX } from './alarmList';
import { AlarmRow, type AlarmActions } from './AlarmRow';
import './alarms.css';

/**
 * The session's alarms, most urgent first, coloured and flashing by IEC 60601-1-8 priority.
 * `alarms` arrive sorted (see `sortAlarms`).
 */
export function AlarmBar({
  alarms,
  actions,
  live = true,
}: {
  alarms: readonly Alarm[];
  actions: AlarmActions;
  /** False while the connection is lost: then "no alarms" is not known, and must not be said. */
  live?: boolean;
}) {
  const quietText = live ? 'No active alarms' : 'Alarm state unknown – not connected';
  // Screen readers hear which alarms there are when that changes, not every countdown tick.
  const summary =
    alarms.length === 0
      ? quietText
      : `${alarms.length} ${alarms.length === 1 ? 'alarm' : 'alarms'}: ${alarms
          .map((a) => `${PRIORITY_PREFIX[a.priority]} ${a.message}`)
          .join('; ')}`;
  const announcement = (
    <span className="visually-hidden" aria-live="polite">
      {summary}
    </span>
  );
  if (alarms.length === 0) {
    return (
      <div className={`alarm-bar alarm-bar--quiet${live ? '' : ' alarm-bar--unknown'}`}>
        <span aria-hidden="true">{quietText}</span>
        {announcement}
      </div>
    );
  }
  return (
    <section className="alarm-bar" data-testid="alarm-banner" aria-label="Alarms">
      {announcement}
      <ul className="alarm-bar__list">
        {alarms.map((alarm) => (
          <AlarmRow key={alarm.id} alarm={alarm} actions={actions} />
        ))}
      </ul>
    </section>
  );
}
