import type { Incident } from './incident.entity';

/**
 * What the processor may follow of a member's breach caused by its incident: the member, the status and the
 * dates of its steps. Never its contents (description, risk assessment, notes, CNIL reference).
 */
export interface MemberBreachStatus {
  organisationId: string;
  organisationName: string;
  /** Only for the member's own roles (who may open the breach). */
  breachId?: string;
  breachStatus: string;
  processorNotifiedAt: Date | null;
  assessedAt: Date | null;
  cnilNotifiedAt: Date | null;
  closedAt: Date | null;
}

export type IncidentView = Incident & {
  applications: { id: string; name: string }[];
  /** One line per member notified, limited to the caller's own members for member roles. */
  members: MemberBreachStatus[];
};
