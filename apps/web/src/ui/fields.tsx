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

function describedBy(hintId: string, errorId: string, hint: unknown, error: unknown): string | undefined {
  return [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
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
  const own = useId();
  const fieldId = id ?? own;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <Label id={fieldId} label={label} required={required} />
      {hint ? (
        <div className="hint" id={`${fieldId}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <p className="field-error" id={`${fieldId}-error`} role={alertError ? 'alert' : undefined}>
          {error}
        </p>
      ) : null}
      <input
        id={fieldId}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(`${fieldId}-hint`, `${fieldId}-error`, hint, error)}
        {...input}
      />
    </div>
  );
}

export function TextArea({
  label,
  required,
  hint,
  error,
  id,
  ...input
}: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const own = useId();
  const fieldId = id ?? own;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <Label id={fieldId} label={label} required={required} />
      {hint ? (
        <p className="hint" id={`${fieldId}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${fieldId}-error`}>
          {error}
        </p>
      ) : null}
      <textarea
        id={fieldId}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(`${fieldId}-hint`, `${fieldId}-error`, hint, error)}
        {...input}
      />
    </div>
  );
}

export function SelectField({
  label,
  required,
  hint,
  error,
  id,
  options,
  placeholder,
  ...select
}: FieldProps &
  SelectHTMLAttributes<HTMLSelectElement> & {
    options: { key: string; label: string }[];
    placeholder?: string;
  }) {
  const own = useId();
  const fieldId = id ?? own;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <Label id={fieldId} label={label} required={required} />
      {hint ? (
        <p className="hint" id={`${fieldId}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${fieldId}-error`}>
          {error}
        </p>
      ) : null}
      <select
        id={fieldId}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(`${fieldId}-hint`, `${fieldId}-error`, hint, error)}
        {...select}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.key} value={option.key}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
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
