import { screenDpia, ScreeningInput } from './dpia-screening';

const base: ScreeningInput = { dpiaCriteria: [], cnilListItems: [], specialCategories: [], dataSubjects: [] };
const keys = (items: { key: string; implied: boolean }[]) =>
  items.map((i) => `${i.key}${i.implied ? '*' : ''}`);
const category = (...keys: string[]) => keys.map((key) => ({ category: key }));

describe('DPIA screening deductions', () => {
  describe('WP248 criterion 7: vulnerable data subjects', () => {
    it.each([
      ['staff', 'agents et salariés'],
      ['children', 'enfants'],
      ['pupils', 'élèves'],
      ['elderly', 'personnes âgées'],
      ['people-with-disabilities', 'personnes en situation de handicap'],
      ['patients', 'patients'],
      ['protected-adults', 'majeurs protégés'],
      ['asylum-seekers', "demandeurs d'asile"],
      ['social-aid-beneficiaries', "bénéficiaires d'aides sociales"],
      ['housing-applicants', 'demandeurs de logement'],
    ])('implies it from %s, naming them', (subject, named) => {
      const result = screenDpia({ ...base, dataSubjects: ['residents', subject] });
      const criterion = result.criteria.find((c) => c.key === 'vulnerable-subjects');
      expect(criterion).toMatchObject({ implied: true });
      expect(criterion?.impliedBy).toContain(named);
    });

    it('does not imply it from residents, electors or suppliers', () => {
      const result = screenDpia({ ...base, dataSubjects: ['residents', 'electors', 'suppliers-contacts'] });
      expect(result.criteria).toEqual([]);
    });
  });

  describe('WP248 criterion 4: sensitive or highly personal data', () => {
    it.each([
      [{ specialCategories: category('health') }, 'catégories particulières de données : données de santé'],
      [
        { specialCategories: category('criminal-convictions-and-offences') },
        'condamnations pénales et infractions',
      ],
      [
        { specialCategories: category('biometric-for-identification') },
        "données biométriques aux fins d'identification",
      ],
      [{ specialCategories: category('nir') }, 'NIR (numéro de sécurité sociale)'],
      [{ dataCategories: category('nir') }, 'NIR (numéro de sécurité sociale)'],
      [{ nir: true }, 'NIR (numéro de sécurité sociale)'],
      [
        { dataCategories: category('location') },
        'données à caractère hautement personnel : données de localisation',
      ],
      [{ dataCategories: category('economic-financial') }, "informations d'ordre économique et financier"],
      [{ dataCategories: category('social-situation') }, 'situation sociale'],
      [{ dataCategories: category('biometric') }, 'données biométriques'],
    ])('implies it from %o and says which data', (facts, named) => {
      const result = screenDpia({ ...base, ...facts });
      expect(keys(result.criteria)).toEqual(['sensitive-data*']);
      expect(result.criteria[0].impliedBy).toContain(named);
    });

    it('does not imply it from identity, connection or free-text categories', () => {
      const result = screenDpia({ ...base, dataCategories: category('identity', 'connection', 'Photos') });
      expect(result.criteria).toEqual([]);
    });

    it('lists every fact in one criterion, counted once', () => {
      const result = screenDpia({
        ...base,
        specialCategories: category('health'),
        dataCategories: category('location', 'social-situation'),
      });
      expect(keys(result.criteria)).toEqual(['sensitive-data*']);
      expect(result.criteria[0].impliedBy).toBe(
        'catégories particulières de données : données de santé ; données à caractère hautement personnel : ' +
          'données de localisation, situation sociale',
      );
    });
  });

  describe('CNIL list items (délibération n° 2018-327)', () => {
    const cnil = (input: Partial<ScreeningInput>) => screenDpia({ ...base, ...input }).cnilListItems;

    it('social housing from housing applicants', () => {
      expect(keys(cnil({ dataSubjects: ['housing-applicants'] }))).toEqual(['social-housing*']);
    });

    it('social support from social-aid beneficiaries, or the social situation of vulnerable adults', () => {
      expect(keys(cnil({ dataSubjects: ['social-aid-beneficiaries'] }))).toEqual(['social-support*']);
      const elderly = cnil({ dataSubjects: ['elderly'], dataCategories: category('social-situation') });
      expect(keys(elderly)).toEqual(['social-support*']);
      expect(elderly[0].impliedBy).toContain('personnes âgées');
      expect(cnil({ dataSubjects: ['elderly'] })).toEqual([]);
      expect(cnil({ dataSubjects: ['children'], dataCategories: category('social-situation') })).toEqual([]);
    });

    it('health care from health data of patients', () => {
      expect(keys(cnil({ dataSubjects: ['patients'], specialCategories: category('health') }))).toEqual([
        'health-care-institutions*',
      ]);
      expect(cnil({ dataSubjects: ['patients'] })).toEqual([]);
      expect(cnil({ dataSubjects: ['staff'], specialCategories: category('health') })).toEqual([]);
    });

    it('employee monitoring from systematic monitoring of staff', () => {
      const items = cnil({ dataSubjects: ['staff'], dpiaCriteria: ['systematic-monitoring'] });
      expect(keys(items)).toEqual(['employee-monitoring*']);
      expect(items[0].impliedBy).toBe(
        'critère « Surveillance systématique » et personnes concernées : agents et salariés (lien de subordination)',
      );
      expect(cnil({ dataSubjects: ['residents'], dpiaCriteria: ['systematic-monitoring'] })).toEqual([]);
    });

    it('HR profiling from the evaluation of staff', () => {
      expect(keys(cnil({ dataSubjects: ['staff'], dpiaCriteria: ['evaluation-scoring'] }))).toEqual([
        'hr-profiling*',
      ]);
    });

    it('whistleblowing from whistleblowers or reported persons', () => {
      expect(keys(cnil({ dataSubjects: ['whistleblowers'] }))).toEqual(['whistleblowing*']);
      expect(keys(cnil({ dataSubjects: ['reported-persons'] }))).toEqual(['whistleblowing*']);
    });

    it('biometric data of vulnerable people, whether a special category or a data category', () => {
      expect(
        keys(cnil({ dataSubjects: ['pupils'], specialCategories: category('biometric-for-identification') })),
      ).toEqual(['biometric-vulnerable*']);
      expect(keys(cnil({ dataSubjects: ['staff'], dataCategories: category('biometric') }))).toEqual([
        'biometric-vulnerable*',
      ]);
      expect(cnil({ dataSubjects: ['residents'], dataCategories: category('biometric') })).toEqual([]);
    });

    it('large-scale location from location data processed on a large scale', () => {
      expect(keys(cnil({ dataCategories: category('location'), dpiaCriteria: ['large-scale'] }))).toEqual([
        'large-scale-location*',
      ]);
      expect(cnil({ dataCategories: category('location') })).toEqual([]);
    });
  });

  describe('Art. 35.3 cases', () => {
    const cases = (input: Partial<ScreeningInput>) => keys(screenDpia({ ...base, ...input }).art35Cases);

    it('a: evaluation with automated decisions', () => {
      expect(cases({ dpiaCriteria: ['evaluation-scoring', 'automated-decision'] })).toEqual([
        'systematic-evaluation*',
      ]);
      expect(cases({ dpiaCriteria: ['evaluation-scoring'] })).toEqual([]);
    });

    it('b: large-scale special categories or criminal data, not the NIR', () => {
      expect(
        cases({
          dpiaCriteria: ['large-scale'],
          specialCategories: category('criminal-convictions-and-offences'),
        }),
      ).toEqual(['large-scale-special-categories*']);
      expect(cases({ dpiaCriteria: ['large-scale'], specialCategories: category('nir') })).toEqual([]);
    });

    it('c: large-scale systematic monitoring of passers-by', () => {
      expect(
        cases({ dataSubjects: ['passers-by'], dpiaCriteria: ['systematic-monitoring', 'large-scale'] }),
      ).toEqual(['public-area-monitoring*']);
      expect(cases({ dataSubjects: ['passers-by'], dpiaCriteria: ['systematic-monitoring'] })).toEqual([]);
      expect(
        cases({ dataSubjects: ['staff'], dpiaCriteria: ['systematic-monitoring', 'large-scale'] }),
      ).toEqual([]);
    });
  });

  describe('CNIL list of processing types not requiring a DPIA (délibération n° 2019-118)', () => {
    it('lifts the two-criteria rule and gives the item as the reason', () => {
      const result = screenDpia({
        ...base,
        dataSubjects: ['children', 'parents'],
        dataCategories: category('identity', 'economic-financial'),
        cnilExemptionItem: '10',
      });
      expect(result.required).toBe(false);
      expect(result.exemption).toMatchObject({ item: '10', applied: true });
      expect(result.reasons[1]).toBe(
        'AIPD non requise : délibération n° 2019-118, item 10 : « Traitements mis en œuvre par les collectivités ' +
          'territoriales et les personnes morales de droit public et de droit privé aux fins de gérer les services ' +
          "en matière d'affaires scolaires, périscolaires et de la petite enfance. ».",
      );
      expect(result.reasons[2]).toMatch(/^2 critères .* Ils n'imposent pas d'AIPD/);
    });

    it('does not override a CNIL 2018-327 item, and says so', () => {
      const result = screenDpia({ ...base, dataSubjects: ['housing-applicants'], cnilExemptionItem: '2' });
      expect(result.required).toBe(true);
      expect(result.exemption).toMatchObject({ item: '2', applied: false });
      expect(result.reasons.at(-1)).toMatch(
        /^La dispense invoquée \(délibération n° 2019-118, item 2 : « .* »\) ne s'applique pas : le traitement relève aussi de la liste des traitements soumis à AIPD \(délibération n° 2018-327 : Instruction des demandes et gestion des logements sociaux\) ; une AIPD reste requise\.$/,
      );
    });

    it('does not override an Art. 35.3 case, and says so', () => {
      const result = screenDpia({
        ...base,
        dpiaCriteria: ['large-scale'],
        specialCategories: category('health'),
        cnilExemptionItem: '1',
      });
      expect(result.required).toBe(true);
      expect(result.reasons.join(' ')).toContain(
        "le traitement relève aussi d'un cas de l'article 35.3 du RGPD",
      );
    });

    it("does not apply where the item's own wording excludes the facts", () => {
      const biometric = screenDpia({
        ...base,
        dataSubjects: ['residents'],
        dataCategories: category('biometric'),
        dpiaCriteria: ['innovative-use'],
        cnilExemptionItem: '11',
      });
      expect(biometric).toMatchObject({ required: true, exemption: { applied: false } });
      expect(biometric.reasons.join(' ')).toContain('le traitement repose sur un dispositif biométrique');
      const profiling = screenDpia({
        ...base,
        dataSubjects: ['residents'],
        dpiaCriteria: ['evaluation-scoring', 'matching-datasets'],
        cnilExemptionItem: '1',
      });
      expect(profiling.exemption).toMatchObject({ applied: false });
      expect(profiling.reasons.join(' ')).toContain('le traitement recourt au profilage');
    });

    it('keeps a not-required answer when nothing is met, with the item as the reason', () => {
      const result = screenDpia({ ...base, dataSubjects: ['suppliers-contacts'], cnilExemptionItem: '2' });
      expect(result.required).toBe(false);
      expect(result.reasons).toEqual([
        "Une analyse d'impact relative à la protection des données (AIPD) n'est pas requise.",
        'AIPD non requise : délibération n° 2019-118, item 2 : « Traitements de gestion de la relation fournisseurs. ».',
      ]);
    });
  });
});
