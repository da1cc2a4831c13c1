import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../../api/client';
import { ErrorSummary } from '../../ui/fields';
import { ErrorNotice } from '../../ui/page';

export interface FieldError {
  id: string;
  message: string;
}

/**
 * A small form of the administration: its title, its errors (checked here, then the server's own, each
 * linked to its field and announced), and the send button. `fieldId` maps an API field to its control's id.
 */
export function AdminForm({
  id,
  title,
  submitLabel,
  check,
  send,
  fieldId,
  labelOf,
  onCancel,
  children,
}: {
  id: string;
  title: string;
  submitLabel: string;
  check: () => FieldError[];
  send: () => Promise<void>;
  fieldId: (field: string) => string;
  labelOf: (field: string) => string;
  onCancel?: () => void;
  /** The fields, given the error of a control by its id. */
  children: (errorOf: (id: string) => string | undefined) => ReactNode;
}) {
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<string>();
  const [pending, setPending] = useState(false);
  const summary = useRef<HTMLDivElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    const found = check();
    setErrors(found);
    if (found.length > 0) {
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    setPending(true);
    try {
      await send();
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && error.problem.errors?.length) {
        setErrors(
          error.problem.errors.map((e) => ({
            id: fieldId(e.field),
            message: `${labelOf(e.field)} : ${e.message}`,
          })),
        );
        requestAnimationFrame(() => summary.current?.focus());
      } else if (error instanceof ApiError && (error.status === 409 || error.status === 400))
        setFailure(error.problem.detail ?? 'La demande a été refusée.');
      else if (error instanceof ApiError && error.status === 403)
        setFailure('Votre rôle ne permet pas cette action.');
      else setFailure("L'enregistrement a échoué. Vos saisies sont conservées : réessayez dans un instant.");
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <ErrorSummary errors={errors} summaryRef={summary} />
      {failure ? <ErrorNotice>{failure}</ErrorNotice> : null}
      {children((fieldIdOf) => errors.find((e) => e.id === fieldIdOf)?.message)}
      <div className="form-actions">
        <button type="submit" className="button" disabled={pending}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button button-secondary" onClick={onCancel}>
            Annuler
          </button>
        ) : null}
      </div>
    </form>
  );
}

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A message that an action succeeded, announced politely. */
export function Done({ children }: { children: ReactNode }) {
  return (
    <div className="notice notice-success" role="status">
      {children}
    </div>
  );
}

/** A value of a map by a key the server named (a field of its errors). */
export const lookup = (map: Record<string, string>, key: string): string | undefined => map[key];
