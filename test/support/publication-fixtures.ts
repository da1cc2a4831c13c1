import type { ProcessingActivity } from '@vigie/register';

/** A validated register entry with every field filled, for the public register's unit specs. */
export function sampleActivity(extra: Partial<ProcessingActivity> = {}): ProcessingActivity {
  return {
    id: '5b7d3f3e-6a44-4f0e-9c1e-1f6f4b0e2a01',
    organisationId: 'org-a',
    version: 4,
    createdAt: new Date('2026-01-05T10:00:00Z'),
    updatedAt: new Date('2026-02-01T10:00:00Z'),
    name: 'Inscriptions scolaires',
    description: 'Note interne',
    status: 'validated',
    applicationIds: ['app-1', 'app-gone'],
    purposes: [{ description: 'Inscrire les élèves', legalBasis: 'public-task', legalBasisDetail: '' }],
    dataSubjects: ['residents', 'Parents d’élèves'],
    dataCategories: [
      { category: 'identity', retention: 'Scolarité + 1 an', finalFate: 'public-archives', description: '' },
    ],
    specialCategories: [{ category: 'health', condition: '9.2.g' }],
    recipients: [{ name: 'Service éducation', type: 'Service interne' }],
    transfers: [{ recipient: 'Sauvegarde', country: 'CH', safeguard: 'adequacy-decision' }],
    securityMeasures: ['Chiffrement des sauvegardes'],
    dpiaCriteria: ['vulnerable-subjects'],
    cnilListItems: [],
    art35Cases: [],
    cnilExemptionItem: null,
    reviewDate: '2027-02-01',
    validatedAt: new Date('2026-01-31T23:30:00Z'),
    validatedBy: 'user-dpo',
    archivedAt: null,
    dpiaDecision: null,
    templateId: null,
    templateVersion: null,
    createdBy: 'user-editor',
    updatedBy: 'user-editor',
    ...extra,
  } as ProcessingActivity;
}
