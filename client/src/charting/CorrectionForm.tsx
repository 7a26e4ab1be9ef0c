import {
  MEDICATION_ROUTES,
  SIDE_EFFECT_LABELS,
  SIDE_EFFECTS,
  type ClinicalEvent,
  type SideEffect,
} from '@infusion/shared';
import { useState, type FormEvent } from 'react';
import { useConnection } from '../connection/ConnectionContext';
import { postChartEntry } from './api';
import { buildCorrection, correctionTime, draftFrom, type CorrectionDraft } from './correction';
import { placeIssues } from './fieldErrors';
import { checkReason, type MedicationRoute } from './forms';
import { failureIssues, failureMessage } from './request';
import { ChoiceGroup, describedBy, Field, FieldError } from './ui';

/** Corrects one entry: the same kind of entry again, as it should have been, and why. */
export function CorrectionForm({
  sessionId,
  original,
  text,
  onDone,
}: {
  sessionId: string;
  original: ClinicalEvent;
  text: string;
  onDone: () => void;
}) {
  const connection = useConnection();
  const [draft, setDraft] = useState<CorrectionDraft>(() => draftFrom(original.entry));
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Readonly<Record<string, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `correct-${original.id}`;
  const set = (changes: Partial<CorrectionDraft>) => setDraft((d) => ({ ...d, ...changes }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const entry = buildCorrection(original.entry, draft);
    const why = checkReason(reason);
    const found = { ...(entry.ok ? {} : entry.errors), ...(why.ok ? {} : why.errors) };
    setErrors(found);
    if (!entry.ok || !why.ok) return;
    setBusy(true);
    const occurredAt = correctionTime(original, connection.clock.now(Date.now()));
    postChartEntry(sessionId, {
      entry: entry.value,
      ...(occurredAt === undefined ? {} : { occurredAt }),
      amends: { eventId: original.id, reason: why.value },
    }).then(onDone, (error: unknown) => {
      setBusy(false);
      const placed = placeIssues(failureIssues(error), ['amends.reason', 'entry']);
      setErrors({
        ...(placed.byField['amends.reason'] ? { reason: placed.byField['amends.reason'] } : {}),
        ...(placed.byField.entry ? { entry: placed.byField.entry } : {}),
      });
      setFailure(failureMessage(error, 'Could not save the correction'));
    });
  };

  return (
    <form
      className="correction"
      onSubmit={onSubmit}
      noValidate
      aria-label={`Correct #${original.id} ${text}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onDone();
      }}
    >
      <label className="check check--small">
        <input
          type="checkbox"
          checked={draft.enteredInError}
          onChange={(e) => set({ enteredInError: e.target.checked })}
        />
        <span>Entered in error (wrong patient or never happened)</span>
      </label>
      {!draft.enteredInError && <EntryEditor id={id} original={original} draft={draft} set={set} errors={errors} />}
      <FieldError id={`${id}-entry`} message={errors.entry} />
      <Field id={`${id}-reason`} label="Reason for the correction" error={errors.reason}>
        <input
          id={`${id}-reason`}
          className="input"
          autoComplete="off"
          autoFocus
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          {...describedBy(`${id}-reason`, errors.reason)}
        />
      </Field>
      <div className="correction__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save correction'}
        </button>
        <button type="button" className="button button--quiet" onClick={onDone}>
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

function EntryEditor({
  id,
  original,
  draft,
  set,
  errors,
}: {
  id: string;
  original: ClinicalEvent;
  draft: CorrectionDraft;
  set: (changes: Partial<CorrectionDraft>) => void;
  errors: Readonly<Record<string, string>>;
}) {
  const { entry } = original;
  switch (entry.kind) {
    case 'side-effect':
      return (
        <>
          <Field id={`${id}-effect`} label="Side effect">
            <select
              id={`${id}-effect`}
              className="input"
              value={draft.effect}
              onChange={(e) => set({ effect: e.target.value as SideEffect })}
            >
              {SIDE_EFFECTS.map((e) => (
                <option key={e} value={e}>
                  {SIDE_EFFECT_LABELS[e]}
                </option>
              ))}
            </select>
          </Field>
          <ChoiceGroup
            name={`${id}-severity`}
            legend="Severity"
            options={[
              { value: 'mild', label: 'Mild' },
              { value: 'moderate', label: 'Moderate' },
              { value: 'severe', label: 'Severe' },
            ]}
            value={draft.severity}
            onChange={(severity) => set({ severity })}
          />
        </>
      );
    case 'score': {
      const max = entry.scale === 'moaas' ? 5 : 10;
      return (
        <ChoiceGroup
          name={`${id}-value`}
          legend="Score"
          className="choice-group--numbers"
          options={Array.from({ length: max + 1 }, (_, v) => ({ value: v, label: String(v) }))}
          value={draft.value}
          onChange={(value) => set({ value })}
        />
      );
    }
    case 'intervention':
      switch (entry.action) {
        case 'medication-given':
          return (
            <div className="intervention__fields intervention__fields--medication">
              <Field id={`${id}-name`} label="Medication" error={errors.name}>
                <input
                  id={`${id}-name`}
                  className="input"
                  value={draft.medName}
                  onChange={(e) => set({ medName: e.target.value })}
                  {...describedBy(`${id}-name`, errors.name)}
                />
              </Field>
              <Field id={`${id}-dose`} label="Dose" error={errors.dose}>
                <input
                  id={`${id}-dose`}
                  className="input"
                  value={draft.medDose}
                  onChange={(e) => set({ medDose: e.target.value })}
                  {...describedBy(`${id}-dose`, errors.dose)}
                />
              </Field>
              <Field id={`${id}-route`} label="Route">
                <select
                  id={`${id}-route`}
                  className="input"
                  value={draft.medRoute}
                  onChange={(e) => set({ medRoute: e.target.value as MedicationRoute })}
                >
                  {MEDICATION_ROUTES.map((r) => (
                    <option key={r} value={r}>
                      {r}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
          );
        case 'oxygen-applied':
          return (
            <Field id={`${id}-oxygen`} label="Oxygen (L/min)" error={errors.oxygen}>
              <input
                id={`${id}-oxygen`}
                className="input input--number"
                inputMode="decimal"
                value={draft.oxygen}
                onChange={(e) => set({ oxygen: e.target.value })}
                {...describedBy(`${id}-oxygen`, errors.oxygen)}
              />
            </Field>
          );
        case 'rate-changed':
          return (
            <Field id={`${id}-rate`} label="New rate (mg/kg/h)" error={errors.rate}>
              <input
                id={`${id}-rate`}
                className="input input--number"
                inputMode="decimal"
                value={draft.rate}
                onChange={(e) => set({ rate: e.target.value })}
                {...describedBy(`${id}-rate`, errors.rate)}
              />
            </Field>
          );
        case 'other':
          return (
            <Field id={`${id}-text`} label="What was done" error={errors.note}>
              <input
                id={`${id}-text`}
                className="input"
                value={draft.text}
                onChange={(e) => set({ text: e.target.value })}
                {...describedBy(`${id}-text`, errors.note)}
              />
            </Field>
          );
      }
      break;
    case 'note':
      return (
        <Field id={`${id}-text`} label="Note" error={errors.note}>
          <input
            id={`${id}-text`}
            className="input"
            value={draft.text}
            onChange={(e) => set({ text: e.target.value })}
            {...describedBy(`${id}-text`, errors.note)}
          />
        </Field>
      );
    case 'lifecycle':
      return null;
  }
  return null;
}
