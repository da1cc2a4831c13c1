import { HDS_V2, ISO27001_ANNEX_A, ISO27001_CLAUSES, ISO27001_THEMES_FR } from './index';

/** A French title may equal the English one only for a proper noun; none of the referentials needs one. */
const PROPER_NOUNS = new Set<string>();
/** Words that would betray an English title left untranslated (none of them is French). */
const ENGLISH = /\b(the|of|and|for|with|to|security|policy|policies|assessment|review|controls?|data)\b/i;

function expectFrench(french: string, english: string, what: string): void {
  expect({ what, french: french.trim().length > 0 }).toEqual({ what, french: true });
  if (!PROPER_NOUNS.has(english)) expect({ what, same: french === english }).toEqual({ what, same: false });
  expect({ what, english: ENGLISH.test(french) ? french : null }).toEqual({ what, english: null });
}

describe('French titles of the certification referentials', () => {
  it('gives every ISO/IEC 27001:2022 clause 4 to 10 and sub-clause a French title, the English kept beside', () => {
    expect(ISO27001_CLAUSES).toHaveLength(41);
    for (const clause of ISO27001_CLAUSES) expectFrench(clause.titleFr, clause.title, `clause ${clause.id}`);
    expect(ISO27001_CLAUSES.find((c) => c.id === '6.1.2')).toMatchObject({
      title: 'Information security risk assessment',
      titleFr: "Appréciation des risques de sécurité de l'information",
    });
  });

  it('gives every one of the 93 Annex A controls and the four themes a French title', () => {
    expect(ISO27001_ANNEX_A).toHaveLength(93);
    for (const control of ISO27001_ANNEX_A) {
      expectFrench(control.titleFr, control.title, `control ${control.id}`);
      expect(control.themeFr).toBe(ISO27001_THEMES_FR[control.theme]);
    }
    expect(Object.keys(ISO27001_THEMES_FR).sort()).toEqual(
      [...new Set(ISO27001_ANNEX_A.map((c) => c.theme))].sort(),
    );
    for (const [english, french] of Object.entries(ISO27001_THEMES_FR))
      expectFrench(french, english, english);
    expect(Object.values(ISO27001_THEMES_FR)).toEqual([
      'Mesures organisationnelles',
      'Mesures liées aux personnes',
      'Mesures physiques',
      'Mesures technologiques',
    ]);
    const byId = new Map(ISO27001_ANNEX_A.map((c) => [c.id, c.titleFr]));
    expect(byId.get('5.1')).toBe("Politiques de sécurité de l'information");
    expect(byId.get('5.15')).toBe("Contrôle d'accès");
    expect(byId.get('5.16')).toBe('Gestion des identités');
    expect(byId.get('8.31')).toBe('Séparation des environnements de développement, de test et de production');
  });

  it('gives every HDS requirement, chapter and activity a French text', () => {
    expect(HDS_V2.requirements).toHaveLength(31);
    for (const requirement of HDS_V2.requirements) {
      expectFrench(requirement.summaryFr, requirement.summary, requirement.id);
      expectFrench(requirement.chapterFr, requirement.chapter, `${requirement.id} chapter`);
    }
    for (const activity of HDS_V2.activities) {
      expectFrench(activity.labelFr, activity.label, `activity ${activity.number}`);
    }
  });

  it('words the six hosting activities as art. R.1111-9 CSP does: 3 virtual infrastructure, 4 application platform', () => {
    const fr = new Map(HDS_V2.activities.map((a) => [a.number, a.labelFr]));
    const en = new Map(HDS_V2.activities.map((a) => [a.number, a.label]));
    const upkeep = 'Mise à disposition et maintien en condition opérationnelle';
    expect(fr.get(1)).toBe(
      `${upkeep} des sites physiques permettant d'héberger l'infrastructure matérielle du système d'information utilisé pour le traitement des données de santé`,
    );
    expect(fr.get(2)).toBe(
      `${upkeep} de l'infrastructure matérielle du système d'information utilisé pour le traitement des données de santé`,
    );
    expect(fr.get(3)).toBe(
      `${upkeep} de l'infrastructure virtuelle du système d'information utilisé pour le traitement des données de santé`,
    );
    expect(fr.get(4)).toBe(
      `${upkeep} de la plateforme d'hébergement d'applications du système d'information`,
    );
    expect(fr.get(5)).toBe(
      "Administration et exploitation du système d'information contenant les données de santé",
    );
    expect(fr.get(6)).toBe('Sauvegarde des données de santé');
    expect(en.get(3)).toMatch(/virtual infrastructure/);
    expect(en.get(4)).toMatch(/application hosting platform/);
  });

  it('makes EXI-18 the R.1111-11 2° clause, auditability of the hosted data included', () => {
    const exi18 = HDS_V2.requirements.find((r) => r.id === 'EXI-18')!;
    expect(exi18.anchor).toBe('CSP R.1111-11 2°');
    expect(exi18.summary).toMatch(/auditability/);
    expect(exi18.summaryFr).toMatch(/disponibilité, l'intégrité, la confidentialité et l'auditabilité/);
    expect(exi18.summaryFr).toMatch(/traçabilité des opérations/);
  });
});
