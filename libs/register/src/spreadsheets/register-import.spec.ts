import { exportRow, neutraliseFormula, restoreFormulaText } from './register-columns';
import { checkRow, isoDate, keyFromLabel } from './register-import';
import { LEGAL_BASIS_LABELS, GDPR_LEGAL_BASIS_NAMES, FINAL_FATE_LABELS } from '../data/register-labels';
import type { ProcessingActivity } from '../activities/processing-activity.entity';

const APP_ID = '11111111-1111-4111-8111-111111111111';

describe('register spreadsheet import', () => {
  it('reads a listed value from its key or any of its French labels, whatever the case and apostrophe', () => {
    expect(keyFromLabel('Mission d’intérêt public', GDPR_LEGAL_BASIS_NAMES)).toBe('public-task');
    expect(keyFromLabel("mission d'intérêt public (art. 6.1.e)", LEGAL_BASIS_LABELS)).toBe('public-task');
    expect(keyFromLabel(' public-task ', GDPR_LEGAL_BASIS_NAMES)).toBe('public-task');
    expect(keyFromLabel('Versement aux archives publiques', FINAL_FATE_LABELS)).toBe('public-archives');
    expect(keyFromLabel('Bon plaisir', GDPR_LEGAL_BASIS_NAMES)).toBe('Bon plaisir');
    expect(keyFromLabel('MISSION D’INTERET   PUBLIC', GDPR_LEGAL_BASIS_NAMES)).toBe('public-task');
  });

  it('reads labels typed by hand as keys, and the exemption column when it is there', () => {
    const cells = {
      name: 'Accueil de loisirs',
      purposes:
        "Inscrire | mission d'interet public | Code de l'action sociale et des familles, art. L. 227-4",
      dataSubjects: 'ENFANTS\nélèves\nPersonnes hébergées',
      dataCategories: 'Etat civil | | 1 an | DESTRUCTION',
      specialCategories: 'santé | 9.2.g',
      dpiaCriteria: 'données concernant des personnes vulnérables',
      cnilExemptionItem: 'item 10',
    };
    const { dto, errors } = checkRow(2, cells, new Map());
    expect(errors).toEqual([]);
    expect(dto).toMatchObject({
      purposes: [{ legalBasis: 'public-task' }],
      dataSubjects: ['children', 'pupils', 'Personnes hébergées'],
      dataCategories: [{ category: 'identity', finalFate: 'destruction' }],
      specialCategories: [{ category: 'health', condition: '9.2.g' }],
      dpiaCriteria: ['vulnerable-subjects'],
      cnilExemptionItem: '10',
    });
    const { cnilExemptionItem: _absent, ...withoutColumn } = cells;
    expect(checkRow(2, withoutColumn, new Map()).dto?.cnilExemptionItem).toBeUndefined();
    expect(checkRow(2, { ...cells, cnilExemptionItem: ' ' }, new Map()).dto?.cnilExemptionItem).toBeNull();
    expect(checkRow(2, { ...cells, cnilExemptionItem: 'Item 12' }, new Map()).errors).toEqual([
      expect.objectContaining({ column: "Dispense d'AIPD (CNIL 2019-118)" }),
    ]);
  });

  it('reads French and ISO dates', () => {
    expect(isoDate('1/2/2027')).toBe('2027-02-01');
    expect(isoDate('2027-02-01')).toBe('2027-02-01');
    expect(isoDate('  ')).toBeUndefined();
    expect(isoDate('demain')).toBe('demain');
  });

  it('reads back what the export writes', () => {
    const activity = {
      id: 'x',
      name: 'Aide sociale',
      description: null,
      status: 'draft',
      version: 3,
      applicationIds: [APP_ID],
      purposes: [{ description: 'Instruire', legalBasis: 'legal-obligation', legalBasisDetail: 'CASF' }],
      dataSubjects: ['social-aid-beneficiaries', 'Personnes hébergées'],
      dataCategories: [
        { category: 'economic-financial', description: 'Revenus', retention: '10 ans', finalFate: 'sorting' },
      ],
      specialCategories: [
        {
          category: 'criminal-convictions-and-offences',
          condition: '10',
          authorisingText: 'CSI, art. L. 114-1',
        },
      ],
      nir: { used: true, legalGround: 'decret-2019-341', reference: 'Sphère de la protection sociale' },
      recipients: [{ name: 'CAF', type: 'Organisme public' }],
      transfers: [
        {
          recipient: 'Support',
          country: 'CH',
          safeguard: 'adequacy-decision',
          safeguardDetail: 'Décision 2000/518/CE',
        },
        { recipient: 'OMS', internationalOrganisation: true, safeguard: 'derogation', derogation: 'd' },
        { recipient: 'Éditeur', country: 'US', safeguard: 'standard-contractual-clauses' },
      ],
      securityMeasures: ['Habilitations'],
      dpiaCriteria: ['large-scale'],
      cnilListItems: ['social-support'],
      art35Cases: [],
      cnilExemptionItem: '3',
      reviewDate: '2027-06-30',
      dpiaDecision: null,
    } as unknown as ProcessingActivity;
    const cells = Object.fromEntries(
      Object.entries(exportRow(activity, new Map([[APP_ID, 'BL Social']]))).map(([k, v]) => [k, String(v)]),
    );
    const { dto, errors } = checkRow(2, cells, new Map([['bl social', APP_ID]]));
    expect(errors).toEqual([]);
    expect(dto).toMatchObject({
      applicationIds: [APP_ID],
      purposes: activity.purposes,
      dataSubjects: activity.dataSubjects,
      dataCategories: activity.dataCategories,
      specialCategories: activity.specialCategories,
      nir: activity.nir,
      transfers: activity.transfers,
      dpiaCriteria: ['large-scale'],
      cnilListItems: ['social-support'],
      cnilExemptionItem: '3',
      reviewDate: '2027-06-30',
    });
  });

  it('reports each problem at its line and column, in French', () => {
    const { dto, errors } = checkRow(
      7,
      {
        name: 'X',
        purposes: 'Finalité | Bon plaisir',
        dataSubjects: 'residents',
        dataCategories: 'identity | | 1 an | brûler',
        transfers: 'Éditeur | US',
        reviewDate: '31/02/2027x',
        applications: 'Inconnue',
      },
      new Map(),
    );
    expect(dto).toBeUndefined();
    expect(errors.map((e) => [e.line, e.column])).toEqual(
      expect.arrayContaining([
        [7, 'Applications'],
        [7, 'Finalités et bases légales'],
        [7, 'Catégories de données'],
        [7, "Transferts hors de l'Espace économique européen"],
        [7, 'Date de révision'],
      ]),
    );
    expect(errors.find((e) => e.column === 'Finalités et bases légales')?.message).toBe(
      'ligne 1 de la cellule (base légale) : valeur non reconnue « Bon plaisir »',
    );
  });

  it('accepts a partial draft, as the API does', () => {
    const { dto, errors } = checkRow(
      3,
      { name: 'Brouillon', purposes: 'Instruire les demandes', dataCategories: 'identity' },
      new Map(),
    );
    expect(errors).toEqual([]);
    expect(dto).toMatchObject({
      name: 'Brouillon',
      purposes: [{ description: 'Instruire les demandes' }],
      dataCategories: [{ category: 'identity' }],
    });
    expect(dto?.purposes?.[0].legalBasis).toBeUndefined();
    expect(dto?.dataCategories?.[0].retention).toBeUndefined();
  });

  it('applies the legal rules of the API, at their line and column', () => {
    const { errors } = checkRow(
      4,
      {
        name: 'Vidéoprotection',
        purposes: 'Protéger les biens | Intérêt légitime\nTenir le registre | Obligation légale',
        specialCategories: 'Condamnations pénales et infractions | 9.2.g',
        nir: 'Oui | Décret n° 2019-341',
        transfers: 'OMS | Organisation internationale',
      },
      new Map(),
      { memberBody: true },
    );
    expect(errors.map((e) => [e.column, e.message.replace(/ :.*/, '')])).toEqual([
      [
        'Finalités et bases légales',
        'ligne 1 de la cellule (hors des missions de service public (intérêt légitime))',
      ],
      ['Finalités et bases légales', 'ligne 2 de la cellule (précision)'],
      ['Données sensibles', 'ligne 1 de la cellule (condition)'],
      ['NIR (numéro de sécurité sociale)', 'Art. 30 de la loi n° 78-17'],
      ["Transferts hors de l'Espace économique européen", 'ligne 1 de la cellule (garantie)'],
    ]);
    expect(errors[0].message).toContain('Art. 6.1, dernier alinéa');
    expect(errors[1].message).toContain('Art. 6.3');
    expect(errors[2].message).toContain('Art. 10');
  });

  it('keeps spreadsheet formulas out of the CSV cells and reads them back as text', () => {
    expect(neutraliseFormula('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(neutraliseFormula('-1')).toBe("'-1");
    expect(neutraliseFormula('Aide sociale')).toBe('Aide sociale');
    expect(neutraliseFormula(3)).toBe(3);
    expect(restoreFormulaText(String(neutraliseFormula('@SUM(A1)')))).toBe('@SUM(A1)');
    expect(restoreFormulaText("'Aide")).toBe("'Aide");
  });
});
