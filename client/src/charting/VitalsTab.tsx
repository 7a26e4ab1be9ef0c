import { VITALS } from '@infusion/shared';
import { useState, type FormEvent } from 'react';
import type { RecordReadings } from './ChartingPanel';
import { checkManualVitals, EMPTY_VITALS, MANUAL_VITALS, type ManualVital, type ManualVitalsDraft } from './forms';
import { describedBy, Field } from './ui';

const FIELD_LABEL: Readonly<Record<ManualVital, string>> = {
  sbp: 'Systolic',
  dbp: 'Diastolic',
  hr: 'Heart rate',
  spo2: 'SpO2',
};

/** A cuff pressure (and pulse or SpO2 if taken) typed in: each is a reading, checked against the limits. */
export function VitalsTab({ recordReadings }: { recordReadings: RecordReadings }) {
  const [draft, setDraft] = useState<ManualVitalsDraft>(EMPTY_VITALS);
  const [errors, setErrors] = useState<Readonly<Partial<Record<ManualVital, string>>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const checked = checkManualVitals(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    void recordReadings(checked.value).then((outcome) => {
      setBusy(false);
      if (outcome.ok) {
        setDraft(EMPTY_VITALS);
        return;
      }
      // What was recorded is cleared, so it is not sent twice; the rest stays to be fixed.
      setDraft((d) => ({ ...d, ...Object.fromEntries(outcome.recorded.map((v) => [v, ''])) }));
      setErrors(outcome.errors);
      setFailure(outcome.message);
    });
  };

  return (
    <form className="manual-vitals" onSubmit={onSubmit} noValidate aria-label="Typed-in vitals">
      <div className="manual-vitals__grid">
        {MANUAL_VITALS.map((vital) => {
          const id = `manual-${vital}`;
          return (
            <Field
              key={vital}
              id={id}
              label={
                <>
                  {FIELD_LABEL[vital]} <span className="muted">{VITALS[vital].unit}</span>
                </>
              }
              error={errors[vital]}
            >
              <input
                id={id}
                className="input input--vital"
                inputMode="numeric"
                autoComplete="off"
                value={draft[vital]}
                onChange={(e) => setDraft({ ...draft, [vital]: e.target.value })}
                {...describedBy(id, errors[vital])}
              />
            </Field>
          );
        })}
      </div>
      <button type="submit" className="button button--primary tap--submit" disabled={busy}>
        {busy ? 'Recording…' : 'Record'}
      </button>
      {failure && (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}
      <p className="charting__help">Checked against the alarm limits as soon as it is recorded.</p>
    </form>
  );
}
