/** Kinds of organisation. */
export type OrganisationKind = 'operator' | 'member' | 'vendor';

/** A role held by the actor in one organisation. */
export interface ActorMembership {
  organisationId: string;
  organisationName: string;
  kind: OrganisationKind;
  role: string;
  /** The last day (YYYY-MM-DD, Paris time) the membership counts, for an auditor's limited access. */
  endsOn?: string | null;
}

/** The authenticated user behind a request, with the memberships read from the database at that request. */
export interface Actor {
  userId: string;
  email: string;
  displayName: string;
  memberships: ActorMembership[];
}

/**
 * What a service needs to know about the caller, passed explicitly from the controller down to the queries.
 * `actor` is null for system work (CLI, migrations, scheduled jobs, bootstrap).
 */
export class RequestContext {
  constructor(
    readonly requestId: string,
    readonly actor: Actor | null,
  ) {}

  /** A context for work done by the service itself, audited with no actor. */
  static system(requestId = 'system'): RequestContext {
    return new RequestContext(requestId, null);
  }

  get userId(): string | null {
    return this.actor?.userId ?? null;
  }

  /** The caller's actor, or an error for code paths that only make sense for a signed-in user. */
  requireActor(): Actor {
    if (!this.actor) throw new Error('This operation needs an authenticated actor');
    return this.actor;
  }
}
