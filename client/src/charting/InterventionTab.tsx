import { MEDICATION_ROUTES, type ClinicalEntry } from '@infusion/shared';
import { useState, type FormEvent } from 'react';
import type { RecordEntry } from './ChartingPanel';
import { placeIssues } from './fieldErrors';
import {
  checkMedication,
  checkNote,
  checkOxygen,
  checkRate,
  DEFAULT_MEDICATION,
  MEDICATION_PRESETS,
  type Checked,
  type MedicationDraft,
  type MedicationRoute,
} from './forms';
import { describedBy, Field } from './ui';

type Errors = Readonly<Record<string, string>>;

/**
 * One small form per intervention. `serverPaths` maps the server's issue paths onto this
 * form's fields, so its messages land next to the right input too.
 */
function useEntryForm(record: RecordEntry, serverPaths: Readonly<Record<string, string>>) {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async (checked: Checked<ClinicalEntry>): Promise<boolean> => {
    setFailure(null);
    if (!checked.ok) {
      setErrors(checked.errors);
      return false;
    }
    setErrors({});
    setBusy(true);
    const outcome = await record(checked.value);
    setBusy(false);
    if (outcome.ok) return true;
    const placed = placeIssues(outcome.issues, Object.keys(serverPaths));
    const mapped: Record<string, string> = {};
    for (const [path, message] of Object.entries(placed.byField)) {
      const field = serverPaths[path];
      if (field) mapped[field] = message;
    }
    setErrors(mapped);
    if (Object.keys(mapped).length === 0) setFailure(outcome.message);
    return false;
  };
  return { busy, errors, failure, submit };
}

function Failure({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="field-error" role="alert">
      {message}
    </p>
  );
}

export function InterventionTab({ record, currentRate }: { record: RecordEntry; currentRate: number | null }) {
  return (
    <div className="interventions">
      <MedicationForm record={record} />
      <div className="interventions__pair">
        <OxygenForm record={record} />
        <RateForm record={record} currentRate={currentRate} />
      </div>
      <NoteForm record={record} />
    </div>
  );
}

function MedicationForm({ record }: { record: RecordEntry }) {
  const [draft, setDraft] = useState<MedicationDraft>(DEFAULT_MEDICATION);
  const form = useEntryForm(record, {
    'entry.medication.name': 'name',
    'entry.medication.dose': 'dose',
    'entry.medication.route': 'route',
    'entry.medication': 'name',
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit(checkMedication(draft)).then((ok) => {
      if (ok) setDraft(DEFAULT_MEDICATION);
    });
  };
  return (
    <form className="intervention intervention--medication" onSubmit={onSubmit} noValidate>
      <h3 className="intervention__title">Medication given</h3>
      <div className="intervention__presets" role="group" aria-label="Common medications">
        {MEDICATION_PRESETS.map((preset) => {
          const chosen = preset.name === draft.name && preset.dose === draft.dose && preset.route === draft.route;
          return (
            <button
              key={preset.name}
              type="button"
              className={`chip${chosen ? ' is-selected' : ''}`}
              aria-pressed={chosen}
              onClick={() => setDraft(preset)}
            >
              {preset.name} {preset.dose} {preset.route}
            </button>
          );
        })}
      </div>
      <div className="intervention__fields intervention__fields--medication">
        <Field id="med-name" label="Medication" error={form.errors.name}>
          <input
            id="med-name"
            className="input"
            list="med-names"
            autoComplete="off"
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            {...describedBy('med-name', form.errors.name)}
          />
        </Field>
        <datalist id="med-names">
          {MEDICATION_PRESETS.map((p) => (
            <option key={p.name} value={p.name} />
          ))}
        </datalist>
        <Field id="med-dose" label="Dose" error={form.errors.dose}>
          <input
            id="med-dose"
            className="input"
            autoComplete="off"
            value={draft.dose}
            onChange={(e) => setDraft({ ...draft, dose: e.target.value })}
            {...describedBy('med-dose', form.errors.dose)}
          />
        </Field>
        <Field id="med-route" label="Route" error={form.errors.route}>
          <select
            id="med-route"
            className="input"
            value={draft.route}
            onChange={(e) => setDraft({ ...draft, route: e.target.value as MedicationRoute })}
            {...describedBy('med-route', form.errors.route)}
          >
            {MEDICATION_ROUTES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <button type="submit" className="button button--primary tap--submit" disabled={form.busy}>
        {form.busy ? 'Recording…' : `Record ${draft.name.trim() || 'medication'}`}
      </button>
      <Failure message={form.failure} />
    </form>
  );
}

function OxygenForm({ record }: { record: RecordEntry }) {
  const [flow, setFlow] = useState('2');
  const form = useEntryForm(record, { 'entry.oxygenLitresPerMin': 'oxygen' });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit(checkOxygen(flow));
  };
  return (
    <form className="intervention" onSubmit={onSubmit} noValidate>
      <Field id="oxygen-flow" label="Oxygen (L/min)" error={form.errors.oxygen}>
        <input
          id="oxygen-flow"
          className="input input--number"
          inputMode="decimal"
          autoComplete="off"
          value={flow}
          onChange={(e) => setFlow(e.target.value)}
          {...describedBy('oxygen-flow', form.errors.oxygen)}
        />
      </Field>
      <button type="submit" className="button tap--submit" disabled={form.busy}>
        Oxygen applied
      </button>
      <Failure message={form.failure} />
    </form>
  );
}

function RateForm({ record, currentRate }: { record: RecordEntry; currentRate: number | null }) {
  // Empty until the nurse types: the field shows the current rate to start from.
  const [rate, setRate] = useState<string | null>(null);
  const shown = rate ?? (currentRate === null ? '' : String(currentRate));
  const form = useEntryForm(record, { 'entry.rateMgPerKgPerHour': 'rate' });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit(checkRate(shown)).then((ok) => {
      if (ok) setRate(null);
    });
  };
  return (
    <form className="intervention" onSubmit={onSubmit} noValidate>
      <Field id="new-rate" label="New rate (mg/kg/h)" error={form.errors.rate}>
        <input
          id="new-rate"
          className="input input--number"
          inputMode="decimal"
          autoComplete="off"
          value={shown}
          onChange={(e) => setRate(e.target.value)}
          {...describedBy('new-rate', form.errors.rate)}
        />
      </Field>
      <button type="submit" className="button tap--submit" disabled={form.busy}>
        Rate changed
      </button>
      <Failure message={form.failure} />
    </form>
  );
}

function NoteForm({ record }: { record: RecordEntry }) {
  const [text, setText] = useState('');
  const form = useEntryForm(record, { 'entry.text': 'note' });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit(checkNote(text)).then((ok) => {
      if (ok) setText('');
    });
  };
  return (
    <form className="intervention intervention--note" onSubmit={onSubmit} noValidate>
      <Field id="charting-note" label="Note or other intervention" error={form.errors.note}>
        <input
          id="charting-note"
          className="input"
          autoComplete="off"
          placeholder="e.g. eyes closed, calm; music on"
          value={text}
          onChange={(e) => setText(e.target.value)}
          {...describedBy('charting-note', form.errors.note)}
        />
      </Field>
      <button type="submit" className="button tap--submit" disabled={form.busy}>
        Add note
      </button>
      <Failure message={form.failure} />
    </form>
  );
}
