import type { Session } from '@infusion/shared';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { fetchSessions } from '../api/http';
import { placeIssues } from '../charting/fieldErrors';
import { parseNumber } from '../charting/forms';
import { failureIssues, failureMessage } from '../charting/request';
import { ChoiceGroup, describedBy, Field } from '../charting/ui';
import { createSession } from '../lifecycle/api';
import {
  checkNewSession,
  FIELD_PATHS,
  NEW_SESSION_DEFAULTS,
  suggestedRate,
  suggestFromHistory,
  totalDoseMg,
  type NewSessionDraft,
} from '../lifecycle/newSessionForm';
import '../lifecycle/lifecycle.css';

type TextField = Exclude<keyof NewSessionDraft, 'phase' | 'state'>;

/** Order of the fields on screen: the first one with a message gets the focus. */
const FIELD_ORDER: readonly (keyof NewSessionDraft)[] = [
  'mrn',
  'displayName',
  'weightKg',
  'phase',
  'infusionNumber',
  'seriesSize',
  'location',
  'protocolId',
  'doseMgPerKg',
  'rateMgPerKgPerHour',
  'plannedDurationMin',
  'state',
];

const inputId = (field: keyof NewSessionDraft) => `new-session-${field}`;

/** `/sessions/new`: a nurse checks a patient in for an infusion. */
export function NewSessionPage() {
  const navigate = useNavigate();
  const [draft, setDraft] = useState<NewSessionDraft>(NEW_SESSION_DEFAULTS);
  const [rateEdited, setRateEdited] = useState(false);
  const [errors, setErrors] = useState<Readonly<Record<string, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [history, setHistory] = useState<Session[]>([]);
  const [found, setFound] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    // Only for suggestions: without it the form works the same, just with less filled in.
    fetchSessions(controller.signal).then(setHistory, () => undefined);
    return () => controller.abort();
  }, []);

  const dose = parseNumber(draft.doseMgPerKg);
  const minutes = parseNumber(draft.plannedDurationMin);
  const autoRate = suggestedRate(dose, minutes);
  const rateText = rateEdited ? draft.rateMgPerKgPerHour : autoRate === null ? '' : String(autoRate);
  const total = totalDoseMg(parseNumber(draft.weightKg), dose);
  const errorOf = (field: keyof NewSessionDraft) => errors[FIELD_PATHS[field]];

  const set = (changes: Partial<NewSessionDraft>) => {
    setDraft((d) => ({ ...d, ...changes }));
    // A message goes once its field is changed, so the ones left point at what is still wrong.
    setErrors((e) => {
      const next = { ...e };
      for (const field of Object.keys(changes) as (keyof NewSessionDraft)[]) delete next[FIELD_PATHS[field]];
      return next;
    });
  };

  const suggest = () => {
    const suggestion = suggestFromHistory(draft.mrn, history);
    if (suggestion === null) {
      setFound(null);
      return;
    }
    // Fills in only what the nurse has not typed herself.
    const changes: Partial<NewSessionDraft> = {};
    for (const [field, value] of Object.entries(suggestion) as [keyof NewSessionDraft, string][]) {
      if (field === 'mrn') continue;
      if (draft[field] === NEW_SESSION_DEFAULTS[field] || draft[field] === '') {
        (changes as Record<string, string>)[field] = value;
      }
    }
    set(changes);
    setFound(
      `Known patient: ${suggestion.displayName ?? ''}. Filled in from the last session – check before creating.`,
    );
  };

  const showErrors = (found: Readonly<Record<string, string>>) => {
    setErrors(found);
    const first = FIELD_ORDER.find((field) => found[FIELD_PATHS[field]]);
    if (first) document.getElementById(inputId(first))?.focus();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const checked = checkNewSession({ ...draft, rateMgPerKgPerHour: rateEdited ? draft.rateMgPerKgPerHour : '' });
    if (!checked.ok) {
      showErrors(checked.errors);
      return;
    }
    setBusy(true);
    createSession(checked.value).then(
      (session) => void navigate(`/sessions/${encodeURIComponent(session.id)}`),
      (error: unknown) => {
        setBusy(false);
        const placed = placeIssues(failureIssues(error), Object.values(FIELD_PATHS));
        showErrors(placed.byField);
        setFailure([failureMessage(error, 'Could not create the session'), ...placed.other].join('. '));
      },
    );
  };

  const text = (
    field: TextField,
    label: ReactNode,
    props: { hint?: ReactNode; numeric?: boolean; autoFocus?: boolean } = {},
  ) => (
    <Field id={inputId(field)} label={label} error={errorOf(field)} hint={props.hint}>
      <input
        id={inputId(field)}
        name={field}
        className={`input${props.numeric ? ' input--number' : ''}`}
        inputMode={props.numeric ? 'decimal' : undefined}
        autoComplete="off"
        autoFocus={props.autoFocus}
        value={draft[field]}
        onChange={(e) => set({ [field]: e.target.value })}
        {...describedBy(inputId(field), errorOf(field))}
      />
    </Field>
  );

  return (
    <section className="new-session" aria-labelledby="new-session-title">
      <header className="new-session__head">
        <h1 id="new-session-title">New session</h1>
        <Link to="/" className="button button--quiet">
          Cancel
        </Link>
      </header>
      <form className="new-session__form" onSubmit={onSubmit} noValidate>
        <div className="new-session__column">
          <fieldset className="new-session__group">
            <legend>Patient</legend>
            <Field id={inputId('mrn')} label="Record number (MRN)" error={errorOf('mrn')}>
              <input
                id={inputId('mrn')}
                name="mrn"
                className="input"
                autoComplete="off"
                autoFocus
                value={draft.mrn}
                onChange={(e) => set({ mrn: e.target.value })}
                onBlur={suggest}
                {...describedBy(inputId('mrn'), errorOf('mrn'))}
              />
            </Field>
            {text('displayName', 'Name')}
            {text('weightKg', 'Weight (kg)', { numeric: true })}
            {found && (
              <p className="notice notice--info new-session__found" role="status">
                {found}
              </p>
            )}
          </fieldset>

          <fieldset className="new-session__group">
            <legend>Course</legend>
            <ChoiceGroup
              name={inputId('phase')}
              legend="Phase"
              options={[
                { value: 'induction', label: 'Induction' },
                { value: 'maintenance', label: 'Maintenance' },
              ]}
              value={draft.phase}
              onChange={(phase) => set({ phase })}
              error={errorOf('phase')}
            />
            <div className="new-session__pair">
              {text('infusionNumber', 'Infusion number', { numeric: true })}
              {text('seriesSize', 'of a series of', { numeric: true, hint: 'Leave empty if open-ended' })}
            </div>
          </fieldset>
        </div>
        <div className="new-session__column">
          <fieldset className="new-session__group">
            <legend>Infusion</legend>
            {text('location', 'Chair or room')}
            <Field id={inputId('protocolId')} label="Protocol" error={errorOf('protocolId')}>
              <select
                id={inputId('protocolId')}
                className="input"
                value={draft.protocolId}
                onChange={(e) => set({ protocolId: e.target.value })}
                {...describedBy(inputId('protocolId'), errorOf('protocolId'))}
              >
                <option value="default">Site default (alarm limits and checks)</option>
              </select>
            </Field>
            {text('doseMgPerKg', 'Dose (mg/kg)', {
              numeric: true,
              hint: total === null ? undefined : `${total} mg in total for ${draft.weightKg.trim()} kg`,
            })}
            <Field
              id={inputId('rateMgPerKgPerHour')}
              label="Rate (mg/kg/h)"
              error={errorOf('rateMgPerKgPerHour')}
              hint={
                rateEdited
                  ? autoRate !== null
                    ? `${autoRate} gives the dose over the planned time`
                    : undefined
                  : 'Worked out from the dose and duration'
              }
            >
              <input
                id={inputId('rateMgPerKgPerHour')}
                name="rateMgPerKgPerHour"
                className="input input--number"
                inputMode="decimal"
                autoComplete="off"
                value={rateText}
                onChange={(e) => {
                  setRateEdited(true);
                  set({ rateMgPerKgPerHour: e.target.value });
                }}
                {...describedBy(inputId('rateMgPerKgPerHour'), errorOf('rateMgPerKgPerHour'))}
              />
            </Field>
            {text('plannedDurationMin', 'Planned duration (min)', { numeric: true })}
          </fieldset>

          <fieldset className="new-session__group">
            <legend>Start as</legend>
            <ChoiceGroup
              name={inputId('state')}
              legend="Start as"
              legendHidden
              options={[
                { value: 'scheduled', label: 'Scheduled' },
                { value: 'pre-check', label: 'Pre-check now' },
              ]}
              value={draft.state}
              onChange={(state) => set({ state })}
              error={errorOf('state')}
            />
          </fieldset>
        </div>
        <div className="new-session__actions">
          {failure && (
            <p className="notice notice--error" role="alert">
              {failure}
            </p>
          )}
          <button type="submit" className="button button--primary tap--big" disabled={busy}>
            {busy ? 'Creating…' : 'Create session'}
          </button>
        </div>
      </form>
    </section>
  );
}
