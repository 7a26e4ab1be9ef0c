import { cloneElement, type ReactElement, type ReactNode } from 'react';

/** A labelled control with its hint, or its message when the form was refused. */
export function AdminField({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: ReactNode;
  error?: string | undefined;
  hint?: ReactNode;
  children: ReactElement<{ id?: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }>;
}) {
  const control = cloneElement(children, {
    id,
    ...(error
      ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` }
      : hint
        ? { 'aria-describedby': `${id}-hint` }
        : {}),
  });
  return (
    <div className={`admin-field${error ? ' admin-field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {control}
      {error ? (
        <p className="admin-field__error" id={`${id}-error`} data-testid="field-error">
          {error}
        </p>
      ) : (
        hint && (
          <p className="admin-field__hint" id={`${id}-hint`}>
            {hint}
          </p>
        )
      )}
    </div>
  );
}
