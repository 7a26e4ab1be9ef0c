import { hasRole, ThresholdProfile, VITALS } from '@infusion/shared';
import { useState, type FormEvent } from 'react';
import { getJson, putJson } from '../api/http';
import { useAuth } from '../auth/AuthContext';
import {
  EDITABLE_VITALS,
  editedLimits,
  LIMIT_FIELDS,
  limitTexts,
  type EditableVital,
  type LimitTexts,
} from './limitEdit';
import './limits.css';

const FIELD_LABEL = {
  'upper.high': 'Upper high',
  'upper.medium': 'Upper medium',
  'lower.medium': 'Lower medium',
  'lower.high': 'Lower high',
} as const;

type Form = { vital: EditableVital; profile: ThresholdProfile; texts: LimitTexts; reason: string };

/** A charge nurse's change of this session's alarm limits, with a reason. Hidden from nurses. */
export function ChangeLimits({
  sessionId,
  onChanged,
}: {
  sessionId: string;
  onChanged: (profile: ThresholdProfile) => void;
}) {
  const { state } = useAuth();
  const [form, setForm] = useState<Form | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  if (state.phase !== 'signed-in' || !hasRole(state.user.role, 'charge')) return null;
  const path = `/api/sessions/${encodeURIComponent(sessionId)}`;

  const open = () => {
    setBusy(true);
    setError(null);
    setDone(false);
    getJson(`${path}/profile`, ThresholdProfile).then(
      (profile) => {
        setBusy(false);
        setForm({ vital: 'hr', profile, texts: limitTexts(profile.vitals.hr), reason: '' });
      },
      (e: unknown) => {
        setBusy(false);
        setError(e instanceof Error ? e.message : 'Could not load the limits');
      },
    );
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!form) return;
    const edited = editedLimits(form.profile.vitals[form.vital], form.texts);
    if (!edited.ok) {
      setError(`Not a number: ${edited.invalid.map((f) => FIELD_LABEL[f]).join(', ')}`);
      return;
    }
    setBusy(true);
    setError(null);
    putJson(`${path}/limits`, { vital: form.vital, limits: edited.limits, reason: form.reason }, ThresholdProfile).then(
      (profile) => {
        setBusy(false);
        setForm(null);
        setDone(true);
        onChanged(profile);
      },
      (e: unknown) => {
        setBusy(false);
        setError(e instanceof Error ? e.message : 'Could not change the limits');
      },
    );
  };

  if (!form) {
    return (
      <div className="change-limits">
        <button
          type="button"
          className="button button--quiet"
          data-testid="change-limits"
          onClick={open}
          disabled={busy}
        >
          Change limits
        </button>
        {done && (
          <span className="change-limits__done" role="status">
            Limits changed
          </span>
        )}
        {error && (
          <span className="field-error" role="alert">
            {error}
          </span>
        )}
      </div>
    );
  }

  const current = form.profile.vitals[form.vital];
  return (
    <form className="change-limits change-limits--open" onSubmit={submit} aria-label="Change limits">
      <label className="change-limits__field">
        <span>Vital</span>
        <select
          value={form.vital}
          onChange={(e) => {
            const vital = e.target.value as EditableVital;
            setForm({ ...form, vital, texts: limitTexts(form.profile.vitals[vital]) });
          }}
        >
          {EDITABLE_VITALS.map((v) => (
            <option key={v} value={v}>
              {VITALS[v].label}
            </option>
          ))}
        </select>
      </label>
      {LIMIT_FIELDS.map(([side, level]) => {
        const field = `${side}.${level}` as const;
        return (
          <label key={field} className="change-limits__field">
            <span>{FIELD_LABEL[field]}</span>
            <input
              inputMode="decimal"
              size={5}
              value={form.texts[field]}
              onChange={(e) => setForm({ ...form, texts: { ...form.texts, [field]: e.target.value } })}
            />
          </label>
        );
      })}
      <span className="change-limits__fixed muted">
        Crisis ↑{current?.upper.immediate?.value ?? '–'} ↓{current?.lower.immediate?.value ?? '–'}, delay{' '}
        {current?.delaySec ?? 0} s: unchanged
      </span>
      <label className="change-limits__field change-limits__reason">
        <span>Reason</span>
        <input value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} required />
      </label>
      <button type="submit" className="button button--primary" disabled={busy || form.reason.trim() === ''}>
        Save limits
      </button>
      <button type="button" className="button button--quiet" onClick={() => setForm(null)} disabled={busy}>
        Cancel
      </button>
      {error && (
        <p className="field-error change-limits__error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
