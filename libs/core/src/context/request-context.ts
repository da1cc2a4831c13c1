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
 * How far a context reaches: through the actor's memberships (a request; nothing without an actor), or every
 * organisation (system work: CLI, scheduled jobs, bootstrap, demo data), stated explicitly rather than by a
 * `system` flag beside the context.
 */
export type ContextReach = 'memberships' | 'all-organisations';

/**
 * What a service needs to know about the caller, passed explicitly from the controller down to the queries.
 * `actor` is null for system work (CLI, migrations, scheduled jobs, bootstrap) and for anonymous requests; only
 * {@link RequestContext.system} reaches every organisation.
 */
export class RequestContext {
  constructor(
    readonly requestId: string,
    readonly actor: Actor | null,
    readonly reach: ContextReach = 'memberships',
  ) {}

  /**
   * A context for work done by the service itself, audited with no actor, whose scope is every organisation:
   * the scoped reads filter nothing out for it (the tenant filter and the rules answer "all").
   */
  static system(requestId = 'system'): RequestContext {
    return new RequestContext(requestId, null, 'all-organisations');
  }

  /** A context with no actor and no reach (an anonymous request): every scoped read is closed to it. */
  static anonymous(requestId = 'anonymous'): RequestContext {
    return new RequestContext(requestId, null);
  }

  /** Whether this context reaches every organisation (system work). */
  get allOrganisations(): boolean {
    return this.reach === 'all-organisations';
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
