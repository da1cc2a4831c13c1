import { sampleActivity } from '../../../../test/support/publication-fixtures';
import {
  DEFAULT_PUBLISHED_FIELDS,
  normaliseFields,
  PUBLISHABLE_FIELDS,
} from '../settings/publishable-fields';
import { publicEntry } from './public-entry';

describe('publicEntry', () => {
  const names = new Map([['app-1', 'Portail Famille']]);

  it('keeps the published fields only, with the French labels of their keys', () => {
    const entry = publicEntry(sampleActivity(), normaliseFields(DEFAULT_PUBLISHED_FIELDS), names);
    expect(entry).toEqual({
      id: '5b7d3f3e-6a44-4f0e-9c1e-1f6f4b0e2a01',
      name: 'Inscriptions scolaires',
      // Validated at 00:30 in Paris on 1 February.
      validatedOn: '2026-02-01',
      purposes: [
        {
          description: 'Inscrire les élèves',
          legalBasis: { key: 'public-task', label: expect.stringMatching(/^Mission d.intérêt public/) },
          legalBasisDetail: null,
        },
      ],
      dataSubjects: [
        { key: 'residents', label: expect.not.stringMatching(/^residents$/) },
        { key: 'Parents d’élèves', label: 'Parents d’élèves' },
      ],
      dataCategories: [
        {
          category: { key: 'identity', label: expect.not.stringMatching(/^identity$/) },
          description: null,
          retention: 'Scolarité + 1 an',
          finalFate: { key: 'public-archives', label: expect.stringMatching(/archives/i) },
        },
      ],
      recipients: [{ name: 'Service éducation', type: 'Service interne' }],
      transfers: [
        {
          recipient: 'Sauvegarde',
          country: { key: 'CH', label: 'Suisse' },
          safeguard: {
            key: 'adequacy-decision',
            label: "Décision d'adéquation de la Commission européenne (art. 45)",
          },
          safeguardDetail: null,
        },
      ],
    });
  });

  it('never carries the status, DPIA, review date, authors or validator, whatever is published', () => {
    const entry = publicEntry(sampleActivity(), [...PUBLISHABLE_FIELDS], names);
    const text = JSON.stringify(entry);
    for (const secret of [
      'user-dpo',
      'user-editor',
      'validated"',
      'vulnerable-subjects',
      '2027-02-01',
      'org-a',
    ])
      expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });
    expect(entry).toMatchObject({
      description: 'Note interne',
      securityMeasures: ['Chiffrement des sauvegardes'],
      // An application no longer in the catalog is left out rather than shown by its id.
      applications: ['Portail Famille'],
      specialCategories: [
        {
          category: { key: 'health' },
          condition: { key: '9.2.g', label: expect.stringContaining('intérêt public') },
        },
      ],
    });
  });

  it('stores the fields once each, in the CNIL order, always with the name', () => {
    expect(normaliseFields(['transfers', 'purposes', 'purposes'])).toEqual(['name', 'purposes', 'transfers']);
    expect(normaliseFields([])).toEqual(['name']);
  });
});
