import type { ReactNode } from 'react';
import { describedBy } from './Field.tsx';

interface Option {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
}

interface GroupProps {
  /** the first control gets `${id}-0`, so an error summary can link to the group */
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  options: Option[];
  inline?: boolean;
}

/** A fieldset with its legend, hint and error: the frame of every group of controls. */
export function GroupShell({
  id,
  legend,
  hint,
  error,
  required,
  inline,
  children,
}: Omit<GroupProps, 'options'> & { children: ReactNode }) {
  return (
    <fieldset
      className={['choice-group', error ? 'field-invalid' : '', inline ? 'choice-inline' : '']
        .filter(Boolean)
        .join(' ')}
      aria-describedby={describedBy(id, hint, error)}
    >
      <legend className="field-label">
        {legend}
        {required ? (
          <span className="required" aria-hidden="true">
            {' *'}
          </span>
        ) : null}
      </legend>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
      <div className="choice-options">{children}</div>
    </fieldset>
  );
}

/** One of several options, as radio buttons in a fieldset (the legend is the question). */
export function RadioGroup({
  value,
  onChange,
  ...props
}: GroupProps & { value: string; onChange: (value: string) => void }) {
  return (
    <GroupShell {...props}>
      {props.options.map((o, i) => (
        <div className="checkbox" key={o.value}>
          <input
            id={`${props.id}-${i}`}
            type="radio"
            name={props.id}
            value={o.value}
            checked={value === o.value}
            onChange={() => onChange(o.value)}
            aria-invalid={props.error ? true : undefined}
          />
          <label htmlFor={`${props.id}-${i}`}>
            {o.label}
            {o.hint ? <span className="choice-hint">{o.hint}</span> : null}
          </label>
        </div>
      ))}
    </GroupShell>
  );
}

/** Any number of options, as checkboxes in a fieldset. */
export function CheckboxGroup({
  value,
  onChange,
  ...props
}: GroupProps & { value: string[]; onChange: (value: string[]) => void }) {
  return (
    <GroupShell {...props}>
      {props.options.map((o, i) => (
        <div className="checkbox" key={o.value}>
          <input
            id={`${props.id}-${i}`}
            type="checkbox"
            name={props.id}
            value={o.value}
            checked={value.includes(o.value)}
            onChange={(e) =>
              onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))
            }
          />
          <label htmlFor={`${props.id}-${i}`}>
            {o.label}
            {o.hint ? <span className="choice-hint">{o.hint}</span> : null}
          </label>
        </div>
      ))}
    </GroupShell>
  );
}
