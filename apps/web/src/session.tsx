import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, setCsrfToken, unwrap, whenSessionEnds, type Me } from './api/client';

export type Membership = Me['memberships'][number];

/** An organisation the person holds roles in, with those roles. */
export interface Workspace {
  organisationId: string;
  organisationName: string;
  kind: string;
  roles: string[];
}

interface SessionState {
  /** undefined while the first /auth/me is under way; null when signed out. */
  me: Me | null | undefined;
  /** Why the last session ended, to tell the person on the sign-in page. */
  endedReason?: string;
  /** The person signed out on purpose (no « come back here » after the next sign-in). */
  signedOut: boolean;
  workspaces: Workspace[];
  current: Workspace | undefined;
  selectOrganisation(organisationId: string): void;
  signIn(email: string, password: string): Promise<void>;
  /** Opens a session with an e-mailed sign-in link's token (single use). */
  signInWithLink(token: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);
const ORGANISATION_KEY = 'vigie.organisation';

function workspacesOf(me: Me | null | undefined): Workspace[] {
  const byId = new Map<string, Workspace>();
  for (const m of me?.memberships ?? []) {
    const existing = byId.get(m.organisationId);
    if (existing) existing.roles.push(m.role);
    else
      byId.set(m.organisationId, {
        organisationId: m.organisationId,
        organisationName: m.organisationName,
        kind: m.kind,
        roles: [m.role],
      });
  }
  return [...byId.values()];
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [endedReason, setEndedReason] = useState<string>();
  const [signedOut, setSignedOut] = useState(false);
  const [selected, setSelected] = useState<string | null>(() => localStorage.getItem(ORGANISATION_KEY));

  const adopt = useCallback((next: Me | null) => {
    setCsrfToken(next?.csrfToken);
    setMe(next);
  }, []);

  useEffect(() => {
    unwrap(api.GET('/api/v1/auth/me')).then(
      (answer) => adopt(answer as Me),
      () => adopt(null),
    );
    whenSessionEnds(() => {
      setEndedReason('Votre session a pris fin. Reconnectez-vous pour continuer.');
      queryClient.clear();
      adopt(null);
    });
  }, [adopt, queryClient]);

  const workspaces = useMemo(() => workspacesOf(me), [me]);
  const current =
    workspaces.find((w) => w.organisationId === selected) ??
    workspaces.find((w) => w.kind === 'member') ??
    workspaces[0];

  const value: SessionState = {
    me,
    endedReason,
    signedOut,
    workspaces,
    current,
    selectOrganisation(organisationId) {
      localStorage.setItem(ORGANISATION_KEY, organisationId);
      setSelected(organisationId);
    },
    async signIn(email, password) {
      const answer = await unwrap(api.POST('/api/v1/auth/session', { body: { email, password } }));
      setEndedReason(undefined);
      setSignedOut(false);
      queryClient.clear();
      adopt(answer as Me);
    },
    async signInWithLink(token) {
      const answer = await unwrap(api.POST('/api/v1/auth/session/link', { body: { token } }));
      setEndedReason(undefined);
      setSignedOut(false);
      queryClient.clear();
      adopt(answer as Me);
    },
    async signOut() {
      let endSessionUrl: string | undefined;
      try {
        // A session opened by single sign-on ends at the provider too: the browser goes there next.
        const ended = await unwrap(api.DELETE('/api/v1/auth/session'));
        endSessionUrl = (ended as { endSessionUrl?: string } | undefined)?.endSessionUrl;
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 401) throw error;
      }
      if (endSessionUrl) {
        window.location.assign(endSessionUrl);
        return;
      }
      queryClient.clear();
      setEndedReason(undefined);
      setSignedOut(true);
      adopt(null);
    },
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}

/** The signed-in person (inside the signed-in layout only). */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe while signed out');
  return me;
}

const MEMBER_ROLES = ['dpo', 'editor', 'reader'];

/**
 * What the person may do in an organisation (by default the current one), from the role table's member rules.
 * An entry's page asks for the entry's own organisation, whatever the « Organisme » control shows.
 */
export function useRights(organisationId?: string) {
  const { current, workspaces } = useSession();
  const workspace = organisationId ? workspaces.find((w) => w.organisationId === organisationId) : current;
  const roles = workspace?.roles ?? [];
  const member = workspace?.kind === 'member';
  return {
    isMember: member && roles.some((r) => MEMBER_ROLES.includes(r)),
    canEdit: member && roles.some((r) => r === 'dpo' || r === 'editor'),
    isDpo: member && roles.includes('dpo'),
  };
}
