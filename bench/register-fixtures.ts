/** Helpers shared by the register benchmarks: API calls as a given token, a member with its DPO. */
export async function call<T>(
  url: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A member organisation, an application deployed for it and its DPO, signed in. */
export async function memberWithDpo(
  url: string,
  adminToken: string,
  shortName: string,
): Promise<{ organisationId: string; applicationId: string; dpoToken: string }> {
  const organisation = await call<{ id: string }>(url, adminToken, 'POST', '/organisations', {
    name: `Mairie de ${shortName}`,
    shortName,
    kind: 'member',
  });
  const application = await call<{ id: string }>(url, adminToken, 'POST', '/applications', {
    name: `BL Social ${shortName}`,
    domain: 'Action sociale',
    hosting: 'operator',
    dataLocation: 'FR',
    healthData: false,
    securityMeasures: [
      'Sauvegardes quotidiennes chiffrées',
      'Journalisation des accès',
      'Habilitations par profil',
    ],
  });
  await call(url, adminToken, 'POST', `/applications/${application.id}/deployments`, {
    organisationId: organisation.id,
  });
  const email = `dpo.${shortName.toLowerCase()}@bench.test`;
  const password = 'bench-dpo-password-123';
  const user = await call<{ id: string }>(url, adminToken, 'POST', '/users', {
    email,
    displayName: `DPO ${shortName}`,
    password,
  });
  await call(url, adminToken, 'POST', `/organisations/${organisation.id}/memberships`, {
    userId: user.id,
    role: 'dpo',
  });
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  return { organisationId: organisation.id, applicationId: application.id, dpoToken: accessToken };
}

/** A realistic, fully filled register entry (number `n`). */
export function benchEntry(n: number, applicationId: string): Record<string, unknown> {
  return {
    name: `Traitement n° ${String(n).padStart(4, '0')} — instruction des demandes d'aide sociale`,
    description:
      "Instruction des demandes d'aide sociale légale et facultative, suivi des dossiers et versement des aides ; " +
      'échanges avec la CAF et le département.',
    applicationIds: [applicationId],
    purposes: [
      {
        description: "Instruire les demandes d'aide",
        legalBasis: 'public-task',
        legalBasisDetail: "Code de l'action sociale et des familles",
      },
      {
        description: 'Verser les aides accordées',
        legalBasis: 'legal-obligation',
        legalBasisDetail: "Code de l'action sociale et des familles, art. L. 123-5",
      },
    ],
    dataSubjects: ['social-aid-beneficiaries', 'residents', 'children'],
    dataCategories: [
      { category: 'identity', retention: '5 ans après la dernière aide', finalFate: 'sorting' },
      {
        category: 'economic-financial',
        description: 'Ressources et charges',
        retention: '10 ans',
        finalFate: 'destruction',
      },
      {
        category: 'social-situation',
        retention: '5 ans après la dernière aide',
        finalFate: 'public-archives',
      },
    ],
    specialCategories: [
      { category: 'health', condition: '9.2.h' },
      { category: 'nir', condition: '9.2.b' },
    ],
    recipients: [
      { name: 'Agents habilités du CCAS', type: 'Service interne' },
      { name: "Caisse d'allocations familiales", type: 'Organisme public' },
    ],
    transfers:
      n % 10 === 0
        ? [{ recipient: 'Support éditeur', country: 'CH', safeguard: "Décision d'adéquation" }]
        : [],
    securityMeasures: [
      'Habilitations revues chaque année',
      'Armoires fermées à clé',
      'Sensibilisation des agents',
    ],
    dpiaCriteria: n % 3 === 0 ? ['large-scale'] : [],
    cnilListItems: n % 2 === 0 ? ['social-support'] : [],
  };
}
