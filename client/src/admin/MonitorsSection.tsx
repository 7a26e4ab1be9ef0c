import type { Device, RegisteredDevice } from '@infusion/shared';
import { useState, type FormEvent } from 'react';
import { failureIssues, failureMessage } from '../charting/request';
import { formatDateTime } from '../review/format';
import { fetchDevices, registerDevice } from './api';
import { AdminField } from './AdminField';
import { useList } from './useList';

/** Monitors: which are registered, and registering a new one (its token shown once). */
export function MonitorsSection() {
  const [devices, reload] = useList(fetchDevices);
  return (
    <section
      className="review-section admin-section"
      aria-labelledby="admin-monitors-title"
      data-testid="admin-monitors"
    >
      <h2 id="admin-monitors-title">Monitors</h2>
      <div className="admin-section__body">
        <div>
          {devices.phase === 'loading' && <p className="muted">Loading monitors…</p>}
          {devices.phase === 'error' && (
            <div className="notice notice--error" role="alert">
              {devices.message}.{' '}
              <button type="button" className="button" onClick={reload}>
                Try again
              </button>
            </div>
          )}
          {devices.phase === 'ready' && <DeviceTable devices={devices.items} />}
        </div>
        <RegisterMonitor onRegistered={reload} />
      </div>
    </section>
  );
}

function DeviceTable({ devices }: { devices: readonly Device[] }) {
  if (devices.length === 0) return <p className="muted">No monitors registered yet.</p>;
  const sorted = [...devices].sort((a, b) => a.label.localeCompare(b.label, undefined, { numeric: true }));
  return (
    <div className="review-table-wrap admin-scroll">
      <table className="review-table" data-testid="device-table">
        <thead>
          <tr>
            <th scope="col">Label</th>
            <th scope="col">Monitor id</th>
            <th scope="col">Registered</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((d) => (
            <tr key={d.id} data-testid="device-row">
              <th scope="row">{d.label}</th>
              <td className="review-table__mono">{d.id}</td>
              <td className="review-table__time">{formatDateTime(d.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RegisterMonitor({ onRegistered }: { onRegistered: () => void }) {
  const [label, setLabel] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [registered, setRegistered] = useState<RegisteredDevice | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (label.trim() === '') {
      setError('Enter a label, e.g. the chair the monitor stands by');
      return;
    }
    setError(null);
    setBusy(true);
    registerDevice(label.trim()).then(
      (device) => {
        setBusy(false);
        setLabel('');
        setRegistered(device);
        onRegistered();
      },
      (err: unknown) => {
        setBusy(false);
        setError(failureIssues(err)[0]?.message ?? failureMessage(err, 'Could not register the monitor'));
      },
    );
  };

  if (registered) return <TokenOnce device={registered} onDone={() => setRegistered(null)} />;
  return (
    <form
      className="admin-form"
      onSubmit={submit}
      noValidate
      aria-labelledby="new-monitor-title"
      data-testid="new-monitor-form"
    >
      <h3 id="new-monitor-title">Register a monitor</h3>
      <AdminField id="new-monitor-label" label="Label" error={error ?? undefined} hint="e.g. Chair 4 monitor">
        <input value={label} onChange={(e) => setLabel(e.target.value)} maxLength={80} autoComplete="off" />
      </AdminField>
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? 'Registering…' : 'Register monitor'}
      </button>
    </form>
  );
}

/** The token, once: the server keeps only its hash, so it can never be shown again. */
function TokenOnce({ device, onDone }: { device: RegisteredDevice; onDone: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = () => {
    navigator.clipboard.writeText(device.token).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  };
  return (
    <div className="admin-form admin-token" role="status" data-testid="device-token-panel">
      <h3>Monitor “{device.label}” registered</h3>
      <p className="admin-token__warning">
        <strong>Copy this token into the monitor’s settings now.</strong> It is shown this once and is not stored: if it
        is lost, register the monitor again.
      </p>
      <code className="admin-token__value" data-testid="device-token">
        {device.token}
      </code>
      <div className="admin-token__actions">
        <button type="button" className="button" onClick={copy}>
          Copy token
        </button>
        {copied === 'yes' && <span className="muted">Copied.</span>}
        {copied === 'failed' && <span className="muted">Could not copy: select the token and copy it by hand.</span>}
        <button type="button" className="button button--primary" onClick={onDone}>
          I have copied it
        </button>
      </div>
    </div>
  );
}
