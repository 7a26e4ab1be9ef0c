import {
  SCALE_LABELS,
  SIDE_EFFECT_LABELS,
  SIDE_EFFECTS,
  type ClinicalEntry,
  type ClinicalEvent,
  type ScoreScale,
  type Session,
  type Severity,
  type SideEffect,
} from '@infusion/shared';
import { memo, useCallback, useRef, useState, type KeyboardEvent } from 'react';
import { useConnection } from '../connection/ConnectionContext';
import { postChartEntry, postManualReading } from './api';
import { placeIssues } from './fieldErrors';
import { BACKDATE_MINUTES, occurredAtFor, type BackdateMinutes, type ManualVital } from './forms';
import { InterventionTab } from './InterventionTab';
import { chartedText, recordedText, refused, type Outcome } from './record';
import { latestRate } from './timeline';
import { ChoiceGroup, useFlash } from './ui';
import { VitalsTab } from './VitalsTab';
import './charting.css';

type Tab = 'side-effect' | 'score' | 'intervention' | 'vitals';
const TABS: readonly { key: Tab; label: string }[] = [
  { key: 'side-effect', label: 'Side effect' },
  { key: 'score', label: 'Score' },
  { key: 'intervention', label: 'Intervention' },
  { key: 'vitals', label: 'BP / vitals' },
];

/** Sends one entry with the chosen back-dating; what the tabs share. */
export type RecordEntry = (entry: ClinicalEntry) => Promise<Outcome>;
export type RecordReadings = (
  readings: readonly { vital: ManualVital; value: number }[],
) => Promise<RecordReadingsOutcome>;
export type RecordReadingsOutcome =
  | { ok: true }
  | { ok: false; message: string; errors: Readonly<Partial<Record<ManualVital, string>>>; recorded: ManualVital[] };

/**
 * Charting at the chair: a side effect in two taps (what, then how bad), a score in one,
 * an intervention or a typed-in blood pressure in a short form. Every entry can be dated a
 * few minutes back, for what was seen before there was a hand free.
 */
export const ChartingPanel = memo(function ChartingPanel({
  session,
  events,
}: {
  session: Session;
  events: readonly ClinicalEvent[];
}) {
  const connection = useConnection();
  const [tab, setTab] = useState<Tab>('side-effect');
  const [minutesAgo, setMinutesAgo] = useState<BackdateMinutes>(0);
  const [backdateError, setBackdateError] = useState<string | null>(null);
  const [flash, setFlash] = useFlash();
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  const sessionId = session.id;

  const serverNow = useCallback(() => connection.clock.now(Date.now()), [connection]);

  const record = useCallback<RecordEntry>(
    async (entry) => {
      setBackdateError(null);
      const occurredAt = occurredAtFor(minutesAgo, serverNow());
      try {
        const event = await postChartEntry(sessionId, occurredAt === undefined ? { entry } : { entry, occurredAt });
        setMinutesAgo(0);
        setFlash(chartedText(event.entry, event.occurredAt));
        return { ok: true, occurredAt: event.occurredAt };
      } catch (error) {
        const outcome = refused(error, 'Could not chart this entry');
        if (!outcome.ok) {
          const placed = placeIssues(outcome.issues, ['occurredAt']);
          if (placed.byField.occurredAt) setBackdateError(placed.byField.occurredAt);
        }
        return outcome;
      }
    },
    [minutesAgo, serverNow, sessionId, setFlash],
  );

  const recordReadings = useCallback<RecordReadings>(
    async (readings) => {
      setBackdateError(null);
      const measuredAt = occurredAtFor(minutesAgo, serverNow());
      const recorded: ManualVital[] = [];
      for (const { vital, value } of readings) {
        try {
          await postManualReading(
            sessionId,
            measuredAt === undefined ? { vital, value } : { vital, value, measuredAt },
          );
          recorded.push(vital);
        } catch (error) {
          const outcome = refused(error, 'Could not record this reading');
          if (outcome.ok) continue;
          const placed = placeIssues(outcome.issues, ['value', 'measuredAt']);
          if (placed.byField.measuredAt) setBackdateError(placed.byField.measuredAt);
          return {
            ok: false,
            message:
              recorded.length > 0 ? `${outcome.message}. Recorded before it: ${recorded.join(', ')}` : outcome.message,
            errors: { [vital]: placed.byField.value ?? outcome.message },
            recorded,
          };
        }
      }
      setMinutesAgo(0);
      setFlash(recordedText(readings, measuredAt ?? serverNow()));
      return { ok: true };
    },
    [minutesAgo, serverNow, sessionId, setFlash],
  );

  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const index = TABS.findIndex((t) => t.key === tab);
    const next = TABS[(index + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
    if (!next) return;
    event.preventDefault();
    setTab(next.key);
    tabRefs.current[next.key]?.focus();
  };

  return (
    <section className="charting" aria-labelledby="charting-title" data-testid="charting-panel">
      {/* The column says what it is; the heading is for screen readers' lists of headings. */}
      <h2 id="charting-title" className="visually-hidden">
        Chart an entry
      </h2>
      <ChoiceGroup
        name="charting-when"
        legend="Happened"
        className="charting__when"
        options={BACKDATE_MINUTES.map((m) => ({ value: m, label: m === 0 ? 'Now' : `${m} min ago` }))}
        value={minutesAgo}
        onChange={setMinutesAgo}
        error={backdateError}
      />
      <div className="charting__tabs" role="tablist" aria-label="What to chart">
        {TABS.map((t) => (
          <button
            key={t.key}
            ref={(el) => {
              tabRefs.current[t.key] = el;
            }}
            type="button"
            role="tab"
            id={`charting-tab-${t.key}`}
            aria-selected={tab === t.key}
            aria-controls={`charting-tabpanel-${t.key}`}
            tabIndex={tab === t.key ? 0 : -1}
            className="charting__tab"
            onClick={() => setTab(t.key)}
            onKeyDown={onTabKey}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div
        className="charting__body"
        role="tabpanel"
        id={`charting-tabpanel-${tab}`}
        aria-labelledby={`charting-tab-${tab}`}
      >
        {tab === 'side-effect' && <SideEffectTab record={record} />}
        {tab === 'score' && <ScoreTab record={record} />}
        {tab === 'intervention' && (
          <InterventionTab record={record} currentRate={latestRate(events, session.rateMgPerKgPerHour)} />
        )}
        {tab === 'vitals' && <VitalsTab recordReadings={recordReadings} />}
      </div>
      <p className="charting__flash" role="status" data-testid="charting-flash">
        {flash ?? ''}
      </p>
    </section>
  );
});

const SEVERITIES: readonly { value: Severity; label: string }[] = [
  { value: 'mild', label: 'Mild' },
  { value: 'moderate', label: 'Moderate' },
  { value: 'severe', label: 'Severe' },
];

function SideEffectTab({ record }: { record: RecordEntry }) {
  const [effect, setEffect] = useState<SideEffect | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const chart = (severity: Severity) => {
    if (effect === null) return;
    setBusy(true);
    setError(null);
    void record({ kind: 'side-effect', effect, severity }).then((outcome) => {
      setBusy(false);
      if (outcome.ok) setEffect(null);
      else setError(outcome.message);
    });
  };

  return (
    <div
      className="side-effects"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && effect !== null) setEffect(null);
      }}
    >
      <div className="side-effects__grid">
        {SIDE_EFFECTS.map((e) => (
          <button
            key={e}
            type="button"
            className={`tap tap--effect${effect === e ? ' is-selected' : ''}`}
            aria-pressed={effect === e}
            disabled={busy}
            onClick={() => {
              setError(null);
              setEffect(effect === e ? null : e);
            }}
          >
            {SIDE_EFFECT_LABELS[e]}
          </button>
        ))}
      </div>
      {effect !== null && (
        <div
          className="severity"
          role="group"
          aria-label={`How bad is the ${SIDE_EFFECT_LABELS[effect].toLowerCase()}?`}
        >
          <span className="severity__prompt">
            {SIDE_EFFECT_LABELS[effect]} – how bad?
            <button
              type="button"
              className="tap tap--quiet severity__cancel"
              disabled={busy}
              onClick={() => setEffect(null)}
            >
              Cancel
            </button>
          </span>
          {SEVERITIES.map((s, i) => (
            <button
              key={s.value}
              type="button"
              className={`tap tap--severity tap--${s.value}`}
              disabled={busy}
              autoFocus={i === 0}
              onClick={() => chart(s.value)}
            >
              {s.label}
            </button>
          ))}
        </div>
      )}
      {effect === null && <p className="charting__help">Tap what you see, then how bad it is.</p>}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** MOAA/S levels in a word, with the full wording for screen readers and on hover. */
const MOAAS_LEVELS: readonly [string, string][] = [
  ['no response', 'No response after painful trapezius squeeze'],
  ['to pain', 'Responds only after painful trapezius squeeze'],
  ['to prodding', 'Responds only after mild prodding or shaking'],
  ['loud voice', 'Responds only after name is called loudly or repeatedly'],
  ['lethargic', 'Lethargic response to name spoken in normal tone'],
  ['alert', 'Responds readily to name spoken in normal tone'],
];

const SCALES: readonly ScoreScale[] = ['moaas', 'mood', 'pain', 'anxiety', 'nausea', 'dissociation'];

const SCALE_ENDS: Readonly<Record<ScoreScale, string>> = {
  moaas: '5 = alert, 0 = no response to pain',
  mood: '0 = worst, 10 = best',
  pain: '0 = none, 10 = worst imaginable',
  anxiety: '0 = none, 10 = worst',
  nausea: '0 = none, 10 = worst',
  dissociation: '0 = none, 10 = extreme',
};

function ScoreTab({ record }: { record: RecordEntry }) {
  const [scale, setScale] = useState<ScoreScale>('moaas');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const max = scale === 'moaas' ? 5 : 10;
  const values = Array.from({ length: max + 1 }, (_, i) => (scale === 'moaas' ? max - i : i));

  const chart = (value: number) => {
    setBusy(true);
    setError(null);
    void record({ kind: 'score', scale, value }).then((outcome) => {
      setBusy(false);
      if (!outcome.ok) setError(outcome.message);
    });
  };

  return (
    <div className="scores">
      <ChoiceGroup
        name="charting-scale"
        legend="Scale"
        legendHidden
        className="scores__scales"
        options={SCALES.map((s) => ({ value: s, label: SCALE_LABELS[s] }))}
        value={scale}
        onChange={(s) => {
          setError(null);
          setScale(s);
        }}
      />
      <div className={`scores__values scores__values--${scale === 'moaas' ? 'six' : 'eleven'}`}>
        {values.map((v) => {
          const level = scale === 'moaas' ? MOAAS_LEVELS[v] : undefined;
          return (
            <button
              key={v}
              type="button"
              className="tap tap--score"
              disabled={busy}
              aria-label={`${SCALE_LABELS[scale]} ${v}${level ? `: ${level[1]}` : ''}`}
              title={level?.[1]}
              onClick={() => chart(v)}
            >
              <span className="tap__number">{v}</span>
              {level && <span className="tap__word">{level[0]}</span>}
            </button>
          );
        })}
      </div>
      <p className="charting__help">
        {SCALE_LABELS[scale]}: {SCALE_ENDS[scale]}. One tap charts it.
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
