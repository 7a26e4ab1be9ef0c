import { ALDRETE_DISCHARGE_MIN, type Session } from '@infusion/shared';
import { useState, type FormEvent } from 'react';
import { checkReason } from '../charting/forms';
import { failureMessage, RequestFailure } from '../charting/request';
import { ChoiceGroup, describedBy, Field, FieldError } from '../charting/ui';
import {
  ALDRETE_CRITERIA,
  aldreteTotal,
  circulationHint,
  EMPTY_ALDRETE,
  toAldreteScore,
  type AldreteDraft,
} from './aldrete';
import { transitionSession } from './api';

/**
 * Discharge: the modified Aldrete score, criterion by criterion, with its total. The server
 * checks the criteria; when they are not met it says which, and the nurse may override with
 * a reason (recorded with the discharge).
 */
export function DischargeForm({
  session,
  latestSbp,
  latestSpo2,
  onDischarged,
  onCancel,
}: {
  session: Session;
  latestSbp: number | undefined;
  latestSpo2: number | undefined;
  onDischarged: (session: Session) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState<AldreteDraft>(EMPTY_ALDRETE);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Readonly<Record<string, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { total, complete, meets } = aldreteTotal(draft);
  const overriding = refusal !== null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const score = toAldreteScore(draft);
    if (score === null) {
      setErrors({ score: 'Score all five criteria' });
      return;
    }
    let why: string | undefined;
    if (overriding) {
      const checked = checkReason(reason);
      if (!checked.ok) {
        setErrors(checked.errors);
        return;
      }
      why = checked.value;
    }
    setErrors({});
    setBusy(true);
    transitionSession(session.id, { to: 'discharged', aldrete: score, ...(why ? { reason: why } : {}) }).then(
      onDischarged,
      (err: unknown) => {
        setBusy(false);
        if (err instanceof RequestFailure && err.status === 409 && err.code === 'illegal_transition' && !overriding) {
          setRefusal(err.message);
          return;
        }
        const reasonIssue = err instanceof RequestFailure ? err.issues.find((i) => i.path === 'reason') : undefined;
        if (reasonIssue) setErrors({ reason: reasonIssue.message });
        setFailure(failureMessage(err, 'Could not discharge'));
      },
    );
  };

  const hints: Partial<Record<string, string | null>> = {
    circulation: circulationHint(latestSbp, session.baseline.sbp),
    spo2: latestSpo2 === undefined ? null : `Latest SpO2 ${Math.round(latestSpo2)} %`,
  };

  return (
    <form
      className="discharge"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="discharge-title"
      data-testid="discharge-form"
    >
      <h2 id="discharge-title" className="discharge__title">
        Discharge – modified Aldrete score
      </h2>
      <div className="discharge__criteria">
        {ALDRETE_CRITERIA.map((criterion) => (
          <div key={criterion.key} className="discharge__criterion">
            <ChoiceGroup
              name={`aldrete-${criterion.key}`}
              legend={criterion.label}
              className="choice-group--stacked"
              options={[2, 1, 0].map((points) => ({
                value: points as 0 | 1 | 2,
                label: (
                  <>
                    <strong>{points}</strong> {criterion.levels[points]}
                  </>
                ),
              }))}
              value={draft[criterion.key]}
              onChange={(points) => {
                setDraft((d) => ({ ...d, [criterion.key]: points }));
                setRefusal(null);
                setErrors({});
              }}
            />
            {hints[criterion.key] && <p className="field__hint">{hints[criterion.key]}</p>}
          </div>
        ))}
      </div>
      <p
        className={`discharge__total${complete ? (meets ? ' is-met' : ' is-not-met') : ''}`}
        data-testid="aldrete-total"
      >
        Total <strong>{total}</strong> / 10
        {complete
          ? meets
            ? ` – meets ≥ ${ALDRETE_DISCHARGE_MIN}`
            : ` – below ${ALDRETE_DISCHARGE_MIN}`
          : ` – ${Object.values(draft).filter((v) => v === null).length} still to score`}
      </p>
      <FieldError id="aldrete-score" message={errors.score} />
      {refusal && (
        <div className="notice notice--error discharge__refusal" role="alert">
          {refusal}
        </div>
      )}
      {overriding && (
        <Field id="discharge-reason" label="Reason to discharge anyway" error={errors.reason}>
          <input
            id="discharge-reason"
            className="input"
            autoComplete="off"
            autoFocus
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            {...describedBy('discharge-reason', errors.reason)}
          />
        </Field>
      )}
      <div className="discharge__actions">
        <button
          type="submit"
          className={`button tap--big ${overriding ? 'button--caution' : 'button--primary'}`}
          disabled={busy}
        >
          {busy ? 'Discharging…' : overriding ? 'Discharge with override' : 'Discharge'}
        </button>
        <button type="button" className="button button--quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {failure && (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}
    </form>
  );
}
