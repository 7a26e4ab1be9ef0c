import { isMonitored, type Device, type Session } from '@infusion/shared';
import { useEffect, useState, type FormEvent } from 'react';
import { fetchSessions } from '../api/http';
import { failureMessage } from '../charting/request';
import { describedBy, FieldError } from '../charting/ui';
import { bindMonitor, fetchDevices } from './api';

interface Monitors {
  devices: Device[];
  /** Device id → the chair it is bound to in another open session. */
  inUse: ReadonlyMap<string, string>;
}

/** Which monitor feeds this chair; a select of the registered monitors while none is bound. */
export function BindMonitor({ session, onBound }: { session: Session; onBound: (session: Session) => void }) {
  const [monitors, setMonitors] = useState<Monitors | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [choice, setChoice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const sessionId = session.id;

  useEffect(() => {
    const controller = new AbortController();
    Promise.all([fetchDevices(controller.signal), fetchSessions(controller.signal)]).then(
      ([devices, sessions]) => {
        const inUse = new Map<string, string>();
        for (const s of sessions) {
          if (s.id !== sessionId && s.deviceId !== null && (isMonitored(s.state) || s.state === 'scheduled')) {
            inUse.set(s.deviceId, s.location);
          }
        }
        setMonitors({ devices: [...devices].sort((a, b) => a.label.localeCompare(b.label)), inUse });
      },
      (err: unknown) => {
        if (!controller.signal.aborted) setLoadError(failureMessage(err, 'Could not list the monitors'));
      },
    );
    return () => controller.abort();
  }, [sessionId]);

  if (session.deviceId !== null) {
    const label = monitors?.devices.find((d) => d.id === session.deviceId)?.label ?? session.deviceId;
    return (
      <span className="bind-monitor bind-monitor--bound" data-testid="bound-monitor">
        <span className="muted">Monitor</span> {label}
      </span>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (choice === '') {
      setError('Choose the monitor at this chair');
      return;
    }
    setBusy(true);
    setError(null);
    bindMonitor(session.id, choice).then(
      (bound) => {
        setBusy(false);
        onBound(bound);
      },
      (err: unknown) => {
        setBusy(false);
        setError(failureMessage(err, 'Could not bind the monitor'));
      },
    );
  };

  return (
    <form className="bind-monitor" onSubmit={onSubmit} noValidate>
      <label htmlFor="bind-monitor-select" className="bind-monitor__label">
        No monitor bound
      </label>
      <select
        id="bind-monitor-select"
        className="input"
        value={choice}
        disabled={monitors === null}
        onChange={(e) => {
          setChoice(e.target.value);
          setError(null);
        }}
        {...describedBy('bind-monitor-select', error ?? loadError)}
      >
        <option value="">{monitors === null ? 'Loading monitors…' : 'Choose a monitor…'}</option>
        {monitors?.devices.map((d) => {
          const chair = monitors.inUse.get(d.id);
          return (
            <option key={d.id} value={d.id}>
              {d.label}
              {chair ? ` (in use: ${chair})` : ''}
            </option>
          );
        })}
      </select>
      <button type="submit" className="button" disabled={busy || monitors === null}>
        {busy ? 'Binding…' : 'Bind monitor'}
      </button>
      <FieldError id="bind-monitor-select" message={error ?? loadError} />
    </form>
  );
}
