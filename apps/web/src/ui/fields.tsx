import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';

interface FieldProps {
  label: string;
  required?: boolean;
  hint?: ReactNode;
  error?: string;
  /** The id the error summary links to; by default one of React's. */
  id?: string;
  /** Announce the error at once (`role="alert"`), for an error the server gave after the form was sent. */
  alertError?: boolean;
}

function Label({ id, label, required }: { id: string; label: string; required?: boolean }) {
  return (
    <label htmlFor={id}>
      {label}
      {required ? <span className="required"> (obligatoire)</span> : null}
    </label>
  );
}

/** What a control needs from its frame: its id and the attributes that tie it to its label, hint and error. */
interface ControlProps {
  id: string;
  'aria-required'?: true;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/**
 * The frame every field shares: the label with « (obligatoire) » written out, the hint, the error (announced
 * at once when `alertError`), and the control tied to them through `aria-describedby`.
 */
function Field({
  label,
  required,
  hint,
  error,
  id,
  alertError,
  children,
}: FieldProps & { children: (control: ControlProps) => ReactNode }) {
  const own = useId();
  const fieldId = id ?? own;
  const hintId = `${fieldId}-hint`;
  const errorId = `${fieldId}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <Label id={fieldId} label={label} required={required} />
      {hint ? (
        <div className="hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <p className="field-error" id={errorId} role={alertError ? 'alert' : undefined}>
          {error}
        </p>
      ) : null}
      {children({
        id: fieldId,
        'aria-required': required || undefined,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy,
      })}
    </div>
  );
}

/** A text field with its label, « (obligatoire) » written out, a hint and an error linked to it. */
export function TextField({
  label,
  required,
  hint,
  error,
  id,
  alertError,
  ...input
}: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field label={label} required={required} hint={hint} error={error} id={id} alertError={alertError}>
      {(control) => <input {...control} {...input} />}
    </Field>
  );
}

export function TextArea({
  label,
  required,
  hint,
  error,
  id,
  alertError,
  ...input
}: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Field label={label} required={required} hint={hint} error={error} id={id} alertError={alertError}>
      {(control) => <textarea {...control} {...input} />}
    </Field>
  );
}

export function SelectField({
  label,
  required,
  hint,
  error,
  id,
  alertError,
  options,
  placeholder,
  ...select
}: FieldProps &
  SelectHTMLAttributes<HTMLSelectElement> & {
    options: { key: string; label: string }[];
    placeholder?: string;
  }) {
  return (
    <Field label={label} required={required} hint={hint} error={error} id={id} alertError={alertError}>
      {(control) => (
        <select {...control} {...select}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((option) => (
            <option key={option.key} value={option.key}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** The list of a form's errors, each a link to its field; focused and announced when the form is refused. */
export function ErrorSummary({
  errors,
  summaryRef,
}: {
  errors: { id: string; message: string }[];
  summaryRef: React.RefObject<HTMLDivElement | null>;
}) {
  if (errors.length === 0) return null;
  return (
    <div
      className="notice notice-error error-summary"
      role="alert"
      tabIndex={-1}
      ref={summaryRef}
      aria-labelledby="error-summary-title"
    >
      <h2 id="error-summary-title">
        {errors.length === 1
          ? 'Le formulaire contient une erreur'
          : `Le formulaire contient ${errors.length} erreurs`}
      </h2>
      <ul>
        {errors.map((error) => (
          <li key={error.id + error.message}>
            <a href={`#${error.id}`}>{error.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
