import type { FormEvent, ReactNode, RefObject } from 'react';
import { Link } from 'react-router';
import { ErrorSummary } from '../ui/fields';
import { Page } from '../ui/page';

/**
 * What a « new » form of a member's register (a breach, a rights request) shows to a role that may not record
 * one: why, and the way back to the list.
 */
export function NotAllowedToRecord({
  title,
  organisationName,
  action,
  back,
}: {
  title: string;
  organisationName: string | undefined;
  /** What the role does not allow, after « ne permet pas de » (« déclarer une violation »). */
  action: string;
  back: { to: string; label: string };
}) {
  return (
    <Page title={title}>
      <p>
        Votre rôle dans {organisationName ?? 'cet organisme'} ne permet pas {action}.
      </p>
      <p>
        <Link to={back.to}>{back.label}</Link>
      </p>
    </Page>
  );
}

/**
 * The frame of a « new » form of a member's register: its lead, the summary of the errors found at their fields
 * (focused by `summaryRef` after a refused submit), the refusal that belongs to no field, the fields given as
 * children, then the submit button and « Annuler » back to the list.
 */
export function NewRecordForm({
  title,
  lead,
  errors,
  failure,
  summaryRef,
  onSubmit,
  submitLabel,
  pending,
  cancelTo,
  children,
}: {
  title: string;
  lead: ReactNode;
  errors: { id: string; message: string }[];
  failure: string | undefined;
  summaryRef: RefObject<HTMLDivElement | null>;
  onSubmit: (event: FormEvent) => void;
  submitLabel: string;
  pending: boolean;
  cancelTo: string;
  children: ReactNode;
}) {
  return (
    <Page title={title}>
      <p className="lead">{lead}</p>
      <ErrorSummary errors={errors} summaryRef={summaryRef} />
      {failure ? (
        <div className="notice notice-error" role="alert" tabIndex={-1} ref={summaryRef}>
          {failure}
        </div>
      ) : null}
      <form className="form" onSubmit={onSubmit} noValidate>
        {children}
        <div className="form-actions">
          <button type="submit" className="button" disabled={pending}>
            {submitLabel}
          </button>
          <Link className="button button-secondary" to={cancelTo}>
            Annuler
          </Link>
        </div>
      </form>
    </Page>
  );
}
