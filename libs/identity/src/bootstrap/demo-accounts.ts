/** Password of every demo account (demo data only: never on a real deployment). */
export const DEMO_PASSWORD = 'Vigie-demo-2026!';

/** The demo accounts, as listed in the README. `organisations` are short names. */
export const DEMO_ACCOUNTS = [
  {
    email: 'rssi@siim94.demo',
    displayName: 'Rachid Sissoko (RSSI)',
    roles: [{ organisation: 'SIIM94', role: 'security-officer' }],
  },
  {
    email: 'auditeur@certification.demo',
    displayName: 'Agnès Audit (auditrice)',
    roles: [{ organisation: 'SIIM94', role: 'auditor' }],
  },
  {
    email: 'dpo@mutualise.demo',
    displayName: 'Dominique Paulin (DPO mutualisé)',
    roles: [
      { organisation: 'IVRY', role: 'dpo' },
      { organisation: 'VILLEJUIF', role: 'dpo' },
    ],
  },
  {
    email: 'referent@ivry.demo',
    displayName: 'Émile Rédacteur (référent, Ivry)',
    roles: [{ organisation: 'IVRY', role: 'editor' }],
  },
  {
    email: 'lecteur@ivry.demo',
    displayName: 'Léa Lecture (lectrice, Ivry)',
    roles: [{ organisation: 'IVRY', role: 'reader' }],
  },
  {
    email: 'contact@berger-levrault.demo',
    displayName: 'Victor Éditeur (Berger-Levrault)',
    roles: [{ organisation: 'BERGER-LEVRAULT', role: 'vendor-contact' }],
  },
] as const;

/** The two demo vendor companies (they publish applications of the reference catalog). */
export const DEMO_VENDORS = [
  { shortName: 'BERGER-LEVRAULT', name: 'Berger-Levrault' },
  { shortName: 'DIGITECH', name: 'Digitech' },
] as const;
