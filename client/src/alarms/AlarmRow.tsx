import type { Alarm } from '@infusion/shared';
import { useState } from 'react';
import type { AckResult } from '../api/ack';
import { useServerNow } from '../connection/ConnectionContext';
import { formatClock, formatCountdown } from '../time/format';
import { PRIORITY_PREFIX } from './alarmList';
import { isAudioPaused } from './soundPolicy';

export interface AlarmActions {
  acknowledge: (alarmId: string) => Promise<AckResult<unknown>>;
  pauseAudio: (alarmId: string) => Promise<AckResult<unknown>>;
  /** The profile's audio pause, in seconds. */
  audioPauseSec: number;
}

const PRIORITY_WORD = { high: 'High priority', medium: 'Medium priority', low: 'Low priority' } as const;

/** One alarm: what, since when, its state, who acknowledged it, and the nurse's two actions. */
export function AlarmRow({ alarm, actions }: { alarm: Alarm; actions: AlarmActions }) {
  const now = useServerNow();
  const [busy, setBusy] = useState<'ack' | 'pause' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const acknowledged = alarm.acknowledgedAt !== null;
  const paused = isAudioPaused(alarm, now);
  const colour = alarm.priority === 'low' && alarm.kind === 'technical' ? 'technical' : alarm.priority;

  const run = (what: 'ack' | 'pause', action: () => Promise<AckResult<unknown>>) => {
    setBusy(what);
    setError(null);
    action().then((result) => {
      setBusy(null);
      if (!result.ok) setError(result.error.message);
    });
  };

  const classes = [
    'alarm-row',
    `alarm-row--${colour}`,
    acknowledged ? 'alarm-row--acknowledged' : '',
    alarm.state === 'latched' ? 'alarm-row--latched' : '',
  ].join(' ');

  return (
    <li
      className={classes}
      data-testid="alarm-row"
      data-priority={alarm.priority}
      data-state={alarm.state}
      data-acknowledged={acknowledged}
    >
      <span className="alarm-row__prefix">
        <span aria-hidden="true">{PRIORITY_PREFIX[alarm.priority]}</span>
        <span className="visually-hidden">{PRIORITY_WORD[alarm.priority]}</span>
      </span>
      <span className="alarm-row__message">{alarm.message}</span>
      <span className="alarm-row__since">since {formatClock(alarm.raisedAt)}</span>
      <span className="alarm-row__state">{alarm.state === 'latched' ? 'condition ended – acknowledge' : 'active'}</span>
      {alarm.kind === 'technical' && <span className="alarm-row__badge">technical</span>}
      {alarm.escalatedAt !== null && !acknowledged && (
        <span className="alarm-row__badge alarm-row__badge--escalated">ESCALATED</span>
      )}
      {acknowledged && alarm.acknowledgedAt !== null && (
        <span className="alarm-row__ack">
          Ack&rsquo;d by {alarm.acknowledgedBy ?? 'unknown'} {formatClock(alarm.acknowledgedAt)}
        </span>
      )}
      {paused && alarm.audioPausedBy && <span className="alarm-row__paused">paused by {alarm.audioPausedBy}</span>}
      <span className="alarm-row__actions">
        {!acknowledged && (
          <button
            type="button"
            className="button button--alarm"
            disabled={busy !== null}
            onClick={() => run('ack', () => actions.acknowledge(alarm.id))}
          >
            {busy === 'ack' ? 'Acknowledging…' : 'Acknowledge'}
          </button>
        )}
        {!acknowledged && (
          <button
            type="button"
            className="button button--alarm-secondary"
            disabled={busy !== null}
            aria-pressed={paused}
            onClick={() => run('pause', () => actions.pauseAudio(alarm.id))}
          >
            {paused && alarm.audioPausedUntil !== null
              ? `Audio paused · ${formatCountdown(alarm.audioPausedUntil - now)}`
              : `Pause audio ${formatPause(actions.audioPauseSec)}`}
          </button>
        )}
      </span>
      {error !== null && (
        <span className="alarm-row__error" role="alert">
          {error}
        </span>
      )}
    </li>
  );
}

function formatPause(seconds: number): string {
  return seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}
