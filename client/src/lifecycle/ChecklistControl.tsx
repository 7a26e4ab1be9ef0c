import { CHECKLIST_LABELS, type Checklist, type Session } from '@infusion/shared';
import { useRef, useState } from 'react';
import { failureMessage } from '../charting/request';
import { saveChecklist } from './api';

const KEYS = Object.keys(CHECKLIST_LABELS) as (keyof Checklist)[];

/** The pre-infusion checklist: four big tick boxes, saved as each is ticked. */
export function ChecklistControl({ session, onSaved }: { session: Session; onSaved: (session: Session) => void }) {
  const [pending, setPending] = useState<Checklist | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Only the answer to the newest save counts, so quick ticks cannot undo each other.
  const seq = useRef(0);
  const shown = pending ?? session.checklist;
  const done = KEYS.filter((k) => shown[k]).length;

  const toggle = (key: keyof Checklist, checked: boolean) => {
    const next = { ...shown, [key]: checked };
    const mine = ++seq.current;
    setPending(next);
    setError(null);
    saveChecklist(session.id, next).then(
      (saved) => {
        if (mine !== seq.current) return;
        onSaved(saved);
        setPending(null);
      },
      (err: unknown) => {
        if (mine !== seq.current) return;
        setPending(null);
        setError(failureMessage(err, 'Could not save the checklist'));
      },
    );
  };

  return (
    <fieldset className="checklist" data-testid="checklist">
      <legend className="checklist__legend">
        Pre-infusion checklist{' '}
        <span className="muted">
          {done} of {KEYS.length}
        </span>
      </legend>
      <div className="checklist__items">
        {KEYS.map((key) => (
          <label key={key} className={`check${shown[key] ? ' is-checked' : ''}`}>
            <input type="checkbox" checked={shown[key]} onChange={(e) => toggle(key, e.target.checked)} />
            <span>{CHECKLIST_LABELS[key]}</span>
          </label>
        ))}
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
