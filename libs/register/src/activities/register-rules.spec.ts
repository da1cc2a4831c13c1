import { checkRegisterRules, nirOf, registerWarnings } from './register-rules';

const member = { memberBody: true };
const fields = (errors: { field: string }[]) => errors.map((e) => e.field);

describe('register rules', () => {
  it('accepts a special category with its Art. 9 condition and an EEA transfer without safeguard', () => {
    expect(
      checkRegisterRules(
        {
          specialCategories: [{ category: 'health', condition: '9.2.h' }],
          transfers: [{ recipient: 'Hébergeur', country: 'DE' }],
        },
        member,
      ),
    ).toEqual([]);
  });

  it('breaks no rule with what a partial draft leaves out', () => {
    expect(
      checkRegisterRules(
        { purposes: [{ description: 'Instruire les demandes' }], specialCategories: [], transfers: [] },
        member,
      ),
    ).toEqual([]);
  });

  describe('Art. 9.2: special categories', () => {
    it('needs an Art. 9.2 condition for each special category, naming the article', () => {
      const errors = checkRegisterRules({
        specialCategories: [
          { category: 'health', condition: '9.3' },
          { category: 'health-2', condition: '10' },
        ],
      });
      expect(fields(errors)).toEqual(['specialCategories.0.condition', 'specialCategories.1.condition']);
      expect(errors[0].message).toMatch(/^Art\. 9\.2 du RGPD/);
      expect(errors[0].message).toContain('Données de santé');
    });

    it('refuses a special category listed twice', () => {
      expect(
        checkRegisterRules({
          specialCategories: [
            { category: 'health', condition: '9.2.h' },
            { category: 'health', condition: '9.2.a' },
          ],
        }),
      ).toEqual([expect.objectContaining({ field: 'specialCategories.1.category' })]);
    });
  });

  describe('Art. 10: offence and conviction data', () => {
    const criminal = 'criminal-convictions-and-offences';

    it('accepts condition 10 with the authorising text', () => {
      expect(
        checkRegisterRules({
          specialCategories: [
            {
              category: criminal,
              condition: '10',
              authorisingText: 'Code de la sécurité intérieure, art. L. 114-1',
            },
          ],
        }),
      ).toEqual([]);
    });

    it('refuses any Art. 9.2 condition for it, naming Art. 10', () => {
      for (const condition of ['9.2.a', '9.2.g', '9.2.h']) {
        const errors = checkRegisterRules({
          specialCategories: [{ category: criminal, condition, authorisingText: 'Code pénal' }],
        });
        expect(fields(errors)).toEqual(['specialCategories.0.condition']);
        expect(errors[0].message).toMatch(/^Art\. 10 du RGPD/);
      }
    });

    it('needs the authorising text under condition 10', () => {
      const errors = checkRegisterRules({
        specialCategories: [{ category: criminal, condition: '10', authorisingText: '  ' }],
      });
      expect(fields(errors)).toEqual(['specialCategories.0.authorisingText']);
      expect(errors[0].message).toContain('Art. 10');
    });
  });

  describe('Art. 6.3: the legal text of a legal obligation or a public task', () => {
    it('needs legalBasisDetail for legal-obligation and public-task, not for the other bases', () => {
      const errors = checkRegisterRules(
        {
          purposes: [
            { description: 'A', legalBasis: 'legal-obligation' },
            { description: 'B', legalBasis: 'public-task', legalBasisDetail: ' ' },
            { description: 'C', legalBasis: 'public-task', legalBasisDetail: 'Code électoral, art. L. 16' },
            { description: 'D', legalBasis: 'consent' },
            { description: 'E', legalBasis: 'contract' },
          ],
        },
        member,
      );
      expect(fields(errors)).toEqual(['purposes.0.legalBasisDetail', 'purposes.1.legalBasisDetail']);
      expect(errors[0].message).toMatch(/^Art\. 6\.3 du RGPD/);
    });
  });

  describe('Art. 6.1, last subparagraph: legitimate interests of a member body', () => {
    const purpose = (reason?: string) => ({
      purposes: [
        {
          description: 'Vidéoprotection du parking du personnel',
          legalBasis: 'legitimate-interests',
          ...(reason !== undefined ? { legitimateInterestsOutsidePublicTasks: reason } : {}),
        },
      ],
    });

    it('refuses legitimate interests without a reason of at least 30 characters, naming the article', () => {
      for (const reason of [undefined, '', 'Hors missions', ' '.repeat(40), 'x'.repeat(29)]) {
        const errors = checkRegisterRules(purpose(reason), member);
        expect(fields(errors)).toEqual(['purposes.0.legitimateInterestsOutsidePublicTasks']);
        expect(errors[0].message).toMatch(/^Art\. 6\.1, dernier alinéa, du RGPD/);
      }
    });

    it('accepts it with the reason why the processing falls outside the public tasks', () => {
      expect(
        checkRegisterRules(
          purpose('Gestion privée du parc immobilier loué à des tiers, hors service public'),
          member,
        ),
      ).toEqual([]);
    });

    it('does not apply to a body that is not a member (public authority)', () => {
      expect(checkRegisterRules(purpose(), { memberBody: false })).toEqual([]);
    });
  });

  describe('the NIR: its own field and its legal ground', () => {
    it('reads an older special category « nir » as the NIR, not as an Art. 9 category', () => {
      const input = { specialCategories: [{ category: 'nir', condition: '9.2.b' }] };
      expect(checkRegisterRules(input)).toEqual([]);
      expect(nirOf(input)).toEqual({ used: true, legacyCondition: '9.2.b' });
      expect(nirOf({ ...input, nir: { used: false } })).toEqual({ used: false });
    });

    it('needs the décret cadre item or the authorising text once a ground is given', () => {
      expect(
        fields(checkRegisterRules({ nir: { used: true, legalGround: 'decret-2019-341', reference: '' } })),
      ).toEqual(['nir.reference']);
      expect(checkRegisterRules({ nir: { used: true, legalGround: 'specific-text' } })[0].message).toContain(
        'loi n° 78-17',
      );
      expect(
        fields(checkRegisterRules({ nir: { used: true, legalGround: 'whim', reference: 'x' } })),
      ).toEqual(['nir.legalGround']);
      expect(
        checkRegisterRules({
          nir: {
            used: true,
            legalGround: 'decret-2019-341',
            reference: 'Sphère de la protection sociale : versement des prestations',
          },
        }),
      ).toEqual([]);
    });

    it('warns while the NIR used has no legal ground (validation asks for it)', () => {
      expect(checkRegisterRules({ nir: { used: true } })).toEqual([]);
      expect(fields(registerWarnings({ nir: { used: true } }))).toEqual(['nir.legalGround']);
      expect(registerWarnings({ nir: { used: false } })).toEqual([]);
    });
  });

  describe('transfers outside the EEA (Art. 44 to 49)', () => {
    it('needs a safeguard outside the European Economic Area, said in those words', () => {
      const errors = checkRegisterRules({
        transfers: [
          { recipient: 'Éditeur', country: 'US', safeguard: ' ' },
          { recipient: 'Éditeur', country: 'US', safeguard: 'standard-contractual-clauses' },
          { recipient: 'Prestataire', country: 'NO' },
        ],
      });
      expect(fields(errors)).toEqual(['transfers.0.safeguard']);
      expect(errors[0].message).toContain("hors de l'Espace économique européen (États-Unis (US))");
    });

    it('accepts an international organisation as recipient, with its safeguard, without a country', () => {
      expect(
        fields(checkRegisterRules({ transfers: [{ recipient: 'OMS', internationalOrganisation: true }] })),
      ).toEqual(['transfers.0.safeguard']);
      expect(
        checkRegisterRules({
          transfers: [
            {
              recipient: 'Organisation mondiale de la santé',
              internationalOrganisation: true,
              safeguard: 'public-authorities-instrument',
            },
          ],
        }),
      ).toEqual([]);
      expect(fields(checkRegisterRules({ transfers: [{ recipient: 'X' }] }))).toEqual([
        'transfers.0.country',
      ]);
    });

    it('takes the safeguard from the list; an older free text is read as the key it names', () => {
      expect(
        checkRegisterRules({
          transfers: [
            { recipient: 'A', country: 'US', safeguard: 'Clauses contractuelles types 2021/914' },
            { recipient: 'B', country: 'IN', safeguard: "Règles d'entreprise contraignantes du groupe" },
          ],
        }),
      ).toEqual([]);
      const errors = checkRegisterRules({
        transfers: [{ recipient: 'A', country: 'US', safeguard: 'Contrat signé' }],
      });
      expect(fields(errors)).toEqual(['transfers.0.safeguard']);
      expect(errors[0].message).toContain('garantie non reconnue');
    });

    it('refuses an adequacy decision where the Commission adopted none (Art. 45)', () => {
      expect(
        checkRegisterRules({
          transfers: [{ recipient: 'A', country: 'CH', safeguard: 'adequacy-decision' }],
        }),
      ).toEqual([]);
      const errors = checkRegisterRules({
        transfers: [{ recipient: 'A', country: 'IN', safeguard: 'adequacy-decision' }],
      });
      expect(fields(errors)).toEqual(['transfers.0.safeguard']);
      expect(errors[0].message).toMatch(/^Art\. 45 du RGPD/);
    });

    it('needs the letter of an Art. 49.1 derogation, and warns of Art. 49.3 for a public body', () => {
      expect(
        fields(
          checkRegisterRules({ transfers: [{ recipient: 'A', country: 'IN', safeguard: 'derogation' }] }),
        ),
      ).toEqual(['transfers.0.derogation']);
      expect(
        fields(
          checkRegisterRules({
            transfers: [{ recipient: 'A', country: 'IN', safeguard: 'derogation', derogation: 'z' }],
          }),
        ),
      ).toEqual(['transfers.0.derogation']);
      const withLetter = {
        transfers: [{ recipient: 'A', country: 'IN', safeguard: 'derogation', derogation: '49.1.a' }],
      };
      expect(checkRegisterRules(withLetter)).toEqual([]);
      expect(fields(registerWarnings(withLetter, member))).toEqual(['transfers.0.derogation']);
      expect(registerWarnings(withLetter, { memberBody: false })).toEqual([]);
      expect(
        registerWarnings(
          { transfers: [{ recipient: 'A', country: 'IN', safeguard: 'derogation', derogation: 'e' }] },
          member,
        ),
      ).toEqual([]);
    });
  });
});
