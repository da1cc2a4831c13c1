import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, NavLink } from 'react-router';
import { useMyReviews } from './api/my-reviews';
import { NOTIFICATIONS_KEY, unreadCount, unreadText } from './api/notifications';
import { LimitedAccessNotice } from './pages/admin/limited-access';
import { useOperatorRights } from './operator';
import { useSession } from './session';

function SkipLink() {
  return (
    <a className="skip-link" href="#contenu">
      Aller au contenu
    </a>
  );
}

function Footer() {
  return (
    <footer className="site-footer" role="contentinfo">
      <p>Vigie, service du SIIM94 pour ses communes membres</p>
      <ul>
        <li>
          <Link to="/accessibilite">Accessibilité</Link>
        </li>
      </ul>
    </footer>
  );
}

function Brand() {
  return (
    <Link to="/" className="brand">
      <span className="brand-name">Vigie</span>
      <span className="brand-operator">SIIM94</span>
    </Link>
  );
}

/** Sign-in and public pages. */
export function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <SkipLink />
      <header className="site-header" role="banner">
        <Brand />
      </header>
      <main id="contenu" tabIndex={-1} className="site-main narrow">
        {children}
      </main>
      <Footer />
    </>
  );
}

const MEMBER_LINKS = [
  { to: '/', label: 'Tableau de bord', end: true },
  { to: '/registre', label: 'Registre' },
  { to: '/violations', label: 'Violations' },
  { to: '/demandes-de-droits', label: 'Demandes de droits' },
  { to: '/documents', label: 'Documents' },
  { to: '/organisme', label: 'Organisme' },
  { to: '/publication', label: 'Publication' },
];
/** For a member's DPO only. */
const DPO_LINKS: { to: string; label: string; end?: boolean }[] = [
  { to: '/bilan-annuel', label: 'Bilan annuel' },
];

/** For the reviewers of accounts in an access review. */
const REVIEWER_LINKS: { to: string; label: string; end?: boolean }[] = [
  { to: '/mes-revues', label: "Mes revues d'habilitations" },
];
/** A vendor contact sees its questionnaires, and nothing else of Vigie. */
const VENDOR_CONTACT_LINKS = [{ to: '/questionnaires', label: 'Questionnaires' }];
/** Operator pages, in UI.md's order, by the operator roles that open them (every operator role when none). */
const OPERATOR_LINKS: { to: string; label: string; roles?: string[]; end?: boolean }[] = [
  // The vendor pages: the security officer works there; the administrator and the auditor read them.
  { to: '/certification', label: 'Certification' },
  { to: '/fournisseurs', label: 'Fournisseurs' },
  { to: '/revues', label: "Revues d'habilitations" },
  { to: '/incidents', label: 'Incidents', roles: ['security-officer'] },
  { to: '/administration', label: 'Administration', roles: ['admin'] },
];

/** The bell: a link to the notices, its name telling how many are unread (refreshed every minute). */
function Bell() {
  const count = useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'count'],
    queryFn: unreadCount,
    refetchInterval: 60_000,
  });
  const unread = count.data?.unread;
  return (
    <Link to="/notifications" className="bell">
      Notifications
      {unread === undefined ? null : (
        <>
          <span className="visually-hidden"> ({unreadText(unread)})</span>
          {unread > 0 ? (
            <span className="bell-count" aria-hidden="true">
              {unread}
            </span>
          ) : null}
        </>
      )}
    </Link>
  );
}

/** Every signed-in page: organisation switcher, navigation by the roles held, sign-out. */
export function SignedInLayout({ children }: { children: ReactNode }) {
  const { me, workspaces, current, selectOrganisation, signOut } = useSession();
  const [signingOut, setSigningOut] = useState(false);
  const isMember = workspaces.some((w) => w.kind === 'member');
  const isDpo = workspaces.some((w) => w.kind === 'member' && w.roles.includes('dpo'));
  const vendorOnly = workspaces.length > 0 && workspaces.every((w) => w.kind === 'vendor');
  // « Mes revues d'habilitations » for whoever has accounts to review in a member's access review.
  const reviews = useMyReviews();
  const reviewer = (reviews.data ?? []).length > 0;
  const operator = useOperatorRights();
  const operators = workspaces.filter((w) => w.kind === 'operator');
  const operatorRoles = operators.flatMap((w) => w.roles);
  const operatorLinks = OPERATOR_LINKS.filter((l) => {
    if (l.to === '/certification') return operator.readsCertification;
    // Members' DPOs read their own access reviews.
    if (l.to === '/revues') return operator.readsAccessReviews;
    return operators.length > 0 && (!l.roles || l.roles.some((r) => operatorRoles.includes(r)));
  });
  const links: { to: string; label: string; end?: boolean }[] = vendorOnly
    ? VENDOR_CONTACT_LINKS
    : [
        ...(isMember
          ? [...MEMBER_LINKS, ...(isDpo ? DPO_LINKS : []), ...(reviewer ? REVIEWER_LINKS : [])]
          : [{ to: '/', label: 'Tableau de bord', end: true }]),
        ...operatorLinks,
      ];

  return (
    <>
      <SkipLink />
      <header className="site-header" role="banner">
        <Brand />
        <div className="header-tools">
          {workspaces.length > 1 ? (
            <div className="organisation-switch">
              <label htmlFor="organisation">Organisme</label>
              <select
                id="organisation"
                value={current?.organisationId ?? ''}
                onChange={(event) => selectOrganisation(event.target.value)}
              >
                {workspaces.map((w) => (
                  <option key={w.organisationId} value={w.organisationId}>
                    {w.organisationName}
                  </option>
                ))}
              </select>
            </div>
          ) : current ? (
            <p className="organisation-name">{current.organisationName}</p>
          ) : null}
          {vendorOnly ? null : <Bell />}
          <p className="who">{me?.displayName}</p>
          <button
            type="button"
            className="button button-secondary"
            disabled={signingOut}
            onClick={async () => {
              setSigningOut(true);
              try {
                // Signed out, the signed-in pages send to the sign-in page by themselves.
                await signOut();
              } catch {
                setSigningOut(false);
              }
            }}
          >
            Se déconnecter
          </button>
        </div>
      </header>
      <nav className="site-nav" aria-label="Menu principal">
        <ul>
          {links.map((link) => (
            <li key={link.to}>
              <NavLink to={link.to} end={link.end}>
                {link.label}
              </NavLink>
            </li>
          ))}
          {vendorOnly ? null : (
            <li>
              <NavLink to="/compte">Mon compte</NavLink>
            </li>
          )}
        </ul>
      </nav>
      <main id="contenu" tabIndex={-1} className="site-main">
        <LimitedAccessNotice />
        {children}
      </main>
      <Footer />
    </>
  );
}
