// Form pieces built for the chair: large targets, native inputs (so keyboards and screen
// readers work as usual), and each message next to its field.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';

/** Props tying a control to its message, for screen readers and for the eye. */
export function describedBy(id: string, error: string | undefined | null) {
  return error ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {};
}

export function FieldError({ id, message }: { id: string; message: string | undefined | null }) {
  if (!message) return null;
  return (
    <p className="field-error" id={`${id}-error`} data-testid="field-error">
      {message}
    </p>
  );
}

/** A labelled input with its message underneath. */
export function Field({
  id,
  label,
  error,
  hint,
  className,
  children,
}: {
  id: string;
  label: ReactNode;
  error?: string | null;
  hint?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={`field${error ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children}
      {hint && !error && <p className="field__hint">{hint}</p>}
      <FieldError id={id} message={error} />
    </div>
  );
}

export interface Choice<T> {
  value: T;
  label: ReactNode;
  /** Read by screen readers and shown on hover when the label is terse. */
  title?: string;
}

/**
 * One choice of several as big touch buttons; radio inputs underneath, so arrow keys move
 * between them.
 */
export function ChoiceGroup<T extends string | number>({
  name,
  legend,
  options,
  value,
  onChange,
  error,
  className,
  legendHidden = false,
}: {
  name: string;
  legend: ReactNode;
  options: readonly Choice<T>[];
  value: T | null;
  onChange: (value: T) => void;
  error?: string | null;
  className?: string;
  legendHidden?: boolean;
}) {
  return (
    <fieldset
      className={`choice-group${className ? ` ${className}` : ''}`}
      {...(error ? { 'aria-describedby': `${name}-error` } : {})}
    >
      <legend className={legendHidden ? 'visually-hidden' : 'choice-group__legend'}>{legend}</legend>
      <div className="choice-group__options">
        {options.map((option) => (
          <label key={String(option.value)} className="choice" title={option.title}>
            <input
              type="radio"
              name={name}
              value={String(option.value)}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            <span className="choice__face">{option.label}</span>
          </label>
        ))}
      </div>
      <FieldError id={name} message={error} />
    </fieldset>
  );
}

/** A message that shows for a few seconds ("Charted: Nausea (moderate) at 14:02"). */
export function useFlash(ms = 6_000): [string | null, (message: string | null) => void] {
  const [message, setMessage] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );
  const flash = useCallback(
    (next: string | null) => {
      if (timer.current !== null) clearTimeout(timer.current);
      setMessage(next);
      timer.current = next === null ? null : setTimeout(() => setMessage(null), ms);
    },
    [ms],
  );
  return [message, flash];
}
