import { screenDpia, ScreeningInput } from './dpia-screening';

/** A processing of a French town, intercommunality or CCAS, as its register entry describes it. */
interface Case {
  name: string;
  entry: Partial<ScreeningInput> & { dataSubjects: string[] };
  required: boolean;
  /** What the reasons must say: the rule that decides, with the facts that led to it. */
  because: (string | RegExp)[];
}

const data = (...keys: string[]) => keys.map((category) => ({ category }));

const NOTHING = /Aucun critère des lignes directrices du CEPD \(WP248\).* une AIPD n'est pas requise/;
const ONE_CRITERION = /Un seul critère des lignes directrices du CEPD \(WP248\) est réuni/;
const TWO_CRITERIA =
  /2 critères des lignes directrices du CEPD \(WP248\) sont réunis : .* À partir de deux critères, une AIPD est requise/;
const LIST_2018_327 =
  /relève de la liste des types d'opérations pour lesquels la CNIL exige une AIPD \(délibération n° 2018-327\)/;
const ART35 = /correspond à un cas de l'article 35\.3 du RGPD/;
const exempted = (item: number) => `AIPD non requise : délibération n° 2019-118, item ${item} : « `;

const CASES: Case[] = [
  {
    name: 'État civil (actes de naissance, de mariage, de décès)',
    entry: { dataSubjects: ['residents'], dataCategories: data('identity', 'personal-life') },
    required: false,
    because: [NOTHING],
  },
  {
    name: 'Listes électorales (répertoire électoral unique)',
    entry: { dataSubjects: ['electors'], dataCategories: data('identity'), cnilExemptionItem: '3' },
    required: false,
    because: [exempted(3), 'gestion du fichier électoral des communes'],
  },
  {
    name: "Instruction des demandes d'aide sociale facultative (CCAS)",
    entry: {
      dataSubjects: ['social-aid-beneficiaries'],
      dataCategories: data('identity', 'economic-financial', 'social-situation'),
      specialCategories: data('nir'),
    },
    required: true,
    because: [
      LIST_2018_327,
      "Accompagnement social ou médico-social des personnes (déduit : personnes concernées : bénéficiaires d'aides sociales)",
      'NIR (numéro de sécurité sociale)',
    ],
  },
  {
    name: 'Attribution des logements sociaux (commission d’attribution)',
    entry: { dataSubjects: ['housing-applicants'], dataCategories: data('identity', 'economic-financial') },
    required: true,
    because: [
      'Instruction des demandes et gestion des logements sociaux (déduit : personnes concernées : demandeurs de logement)',
    ],
  },
  {
    name: 'Cotation automatisée des demandes de logement social',
    entry: {
      dataSubjects: ['housing-applicants'],
      dataCategories: data('identity', 'economic-financial'),
      dpiaCriteria: ['evaluation-scoring', 'automated-decision'],
    },
    required: true,
    because: [ART35, 'Évaluation systématique et approfondie', LIST_2018_327],
  },
  {
    name: 'Restauration scolaire (cantine), dispense invoquée',
    entry: {
      dataSubjects: ['children', 'parents'],
      dataCategories: data('identity', 'economic-financial'),
      specialCategories: data('health'),
      cnilExemptionItem: '10',
    },
    required: false,
    because: [
      exempted(10),
      'affaires scolaires, périscolaires et de la petite enfance',
      "Ils n'imposent pas d'AIPD",
    ],
  },
  {
    name: 'Restauration scolaire (cantine), sans dispense invoquée',
    entry: {
      dataSubjects: ['children', 'parents'],
      dataCategories: data('identity', 'economic-financial'),
    },
    required: true,
    because: [TWO_CRITERIA, 'personnes concernées : enfants', "informations d'ordre économique et financier"],
  },
  {
    name: 'Portail famille (inscriptions périscolaires, paiement en ligne)',
    entry: {
      dataSubjects: ['children', 'parents'],
      dataCategories: data('identity', 'economic-financial', 'connection'),
      cnilExemptionItem: '10',
    },
    required: false,
    because: [exempted(10)],
  },
  {
    name: "Crèche municipale (établissement d'accueil du jeune enfant)",
    entry: {
      dataSubjects: ['children', 'parents'],
      dataCategories: data('identity', 'economic-financial'),
      specialCategories: data('health'),
      cnilExemptionItem: '10',
    },
    required: false,
    because: [exempted(10)],
  },
  {
    name: 'Inscriptions scolaires (recensement des enfants soumis à l’obligation scolaire)',
    entry: { dataSubjects: ['pupils', 'parents'], dataCategories: data('identity') },
    required: false,
    because: [ONE_CRITERION, 'personnes concernées : élèves (mineurs)'],
  },
  {
    name: 'Vidéoprotection de la voie publique',
    entry: {
      dataSubjects: ['passers-by'],
      dataCategories: data('identity'),
      dpiaCriteria: ['systematic-monitoring', 'large-scale'],
    },
    required: true,
    because: [ART35, "Surveillance systématique à grande échelle d'une zone accessible au public (déduit :"],
  },
  {
    name: 'Lecture automatisée des plaques et contrôle du stationnement payant',
    entry: {
      dataSubjects: ['service-users'],
      dataCategories: data('identity', 'location'),
      dpiaCriteria: ['systematic-monitoring', 'large-scale'],
    },
    required: true,
    because: [
      LIST_2018_327,
      'Données de localisation à large échelle (déduit : données de localisation et critère',
    ],
  },
  {
    name: 'Paie des agents (commune de 1 200 agents)',
    entry: {
      dataSubjects: ['staff'],
      dataCategories: data('identity', 'professional-life', 'economic-financial'),
      specialCategories: data('nir'),
    },
    required: true,
    because: [TWO_CRITERIA, 'agents et salariés', 'NIR (numéro de sécurité sociale)'],
  },
  {
    name: 'Paie des agents du CCAS (60 agents)',
    entry: {
      dataSubjects: ['staff'],
      dataCategories: data('identity', 'professional-life', 'economic-financial'),
      specialCategories: data('nir'),
      cnilExemptionItem: '1',
    },
    required: false,
    because: [exempted(1), 'moins de 250 personnes'],
  },
  {
    name: 'Badgeuse (gestion des horaires, badge sans contact)',
    entry: {
      dataSubjects: ['staff'],
      dataCategories: data('identity', 'professional-life'),
      cnilExemptionItem: '11',
    },
    required: false,
    because: [exempted(11), 'en dehors de tout dispositif biométrique'],
  },
  {
    name: 'Badgeuse biométrique (empreinte digitale)',
    entry: {
      dataSubjects: ['staff'],
      dataCategories: data('identity', 'professional-life'),
      specialCategories: data('biometric-for-identification'),
      cnilExemptionItem: '11',
    },
    required: true,
    because: [
      'Données biométriques pour reconnaître des personnes, dont des personnes « vulnérables » (déduit : données biométriques et personnes concernées : agents et salariés',
      /La dispense invoquée \(délibération n° 2019-118, item 11 : « .* »\) ne s'applique pas/,
    ],
  },
  {
    name: 'Géolocalisation des véhicules de service',
    entry: {
      dataSubjects: ['staff'],
      dataCategories: data('identity', 'location'),
      dpiaCriteria: ['systematic-monitoring'],
    },
    required: true,
    because: [
      "Surveillance constante de l'activité des employés (déduit : critère « Surveillance systématique »",
    ],
  },
  {
    name: "Dispositif d'alerte professionnelle (lanceurs d'alerte)",
    entry: {
      dataSubjects: ['whistleblowers', 'reported-persons', 'staff'],
      dataCategories: data('identity', 'professional-life'),
    },
    required: true,
    because: [
      "Gestion des alertes et des signalements en matière professionnelle (déduit : personnes concernées : lanceurs d'alerte, personnes visées par un signalement)",
    ],
  },
  {
    name: 'Centre municipal de santé (dossier patient)',
    entry: {
      dataSubjects: ['patients'],
      dataCategories: data('identity'),
      specialCategories: data('health', 'nir'),
    },
    required: true,
    because: ['Données de santé traitées par les établissements de santé', 'données de santé de patients'],
  },
  {
    name: 'Médecine préventive des agents',
    entry: { dataSubjects: ['staff'], dataCategories: data('identity'), specialCategories: data('health') },
    required: true,
    because: [TWO_CRITERIA, 'données de santé', 'agents et salariés'],
  },
  {
    name: 'Registre des personnes vulnérables (plan canicule, CCAS)',
    entry: {
      dataSubjects: ['elderly', 'people-with-disabilities'],
      dataCategories: data('identity', 'social-situation'),
      specialCategories: data('health'),
    },
    required: true,
    because: [LIST_2018_327, 'situation sociale de personnes vulnérables', TWO_CRITERIA],
  },
  {
    name: "Accompagnement et domiciliation des demandeurs d'asile (CCAS)",
    entry: { dataSubjects: ['asylum-seekers'], dataCategories: data('identity', 'social-situation') },
    required: true,
    because: [
      "Accompagnement social ou médico-social des personnes (déduit : situation sociale de personnes vulnérables (personnes concernées : demandeurs d'asile))",
    ],
  },
  {
    name: 'Mandataire judiciaire à la protection des majeurs (service du CCAS)',
    entry: {
      dataSubjects: ['protected-adults'],
      dataCategories: data('identity', 'economic-financial', 'social-situation'),
    },
    required: true,
    because: [LIST_2018_327, 'majeurs protégés'],
  },
  {
    name: 'Transport adapté des personnes en situation de handicap',
    entry: {
      dataSubjects: ['people-with-disabilities'],
      dataCategories: data('identity', 'location'),
    },
    required: true,
    because: [TWO_CRITERIA, 'personnes en situation de handicap', 'données de localisation'],
  },
  {
    name: "Contrôle d'accès biométrique d'une résidence autonomie",
    entry: {
      dataSubjects: ['elderly'],
      dataCategories: data('identity'),
      specialCategories: data('biometric-for-identification'),
    },
    required: true,
    because: ['Données biométriques pour reconnaître des personnes', 'personnes âgées'],
  },
  {
    name: 'Police municipale (procès-verbaux, main courante)',
    entry: {
      dataSubjects: ['residents'],
      dataCategories: data('identity'),
      specialCategories: data('criminal-convictions-and-offences'),
      dpiaCriteria: ['large-scale'],
    },
    required: true,
    because: [
      ART35,
      'Traitement à grande échelle de catégories particulières',
      'condamnations pénales et infractions',
    ],
  },
  {
    name: 'Bibliothèque municipale (prêts, inscriptions)',
    entry: { dataSubjects: ['residents', 'children'], dataCategories: data('identity') },
    required: false,
    because: [ONE_CRITERION, 'personnes concernées : enfants'],
  },
  {
    name: 'Urbanisme (permis de construire, déclarations préalables)',
    entry: { dataSubjects: ['residents'], dataCategories: data('identity') },
    required: false,
    because: [NOTHING],
  },
  {
    name: 'Marchés publics et relation fournisseurs',
    entry: {
      dataSubjects: ['suppliers-contacts'],
      dataCategories: data('identity', 'economic-financial'),
      cnilExemptionItem: '2',
    },
    required: false,
    because: [exempted(2), 'Un seul critère'],
  },
  {
    name: 'Recrutement (candidatures)',
    entry: { dataSubjects: ['applicants-for-jobs'], dataCategories: data('identity', 'professional-life') },
    required: false,
    because: [NOTHING],
  },
  {
    name: 'Indemnités des élus',
    entry: { dataSubjects: ['elected-officials'], dataCategories: data('identity', 'economic-financial') },
    required: false,
    because: [ONE_CRITERION, "informations d'ordre économique et financier"],
  },
  {
    name: 'Lettre d’information municipale',
    entry: { dataSubjects: ['residents'], dataCategories: data('identity', 'internet') },
    required: false,
    because: [NOTHING],
  },
  {
    name: 'Réservation des salles municipales',
    entry: { dataSubjects: ['residents', 'service-users'], dataCategories: data('identity') },
    required: false,
    because: [NOTHING],
  },
];

describe('DPIA screening of the processings of French local government', () => {
  it('covers at least 25 processings, both required and not required', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25);
    expect(CASES.filter((c) => c.required).length).toBeGreaterThanOrEqual(10);
    expect(CASES.filter((c) => !c.required).length).toBeGreaterThanOrEqual(10);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, { entry, required, because }) => {
    const result = screenDpia({ dpiaCriteria: [], cnilListItems: [], specialCategories: [], ...entry });
    expect(result.required).toBe(required);
    expect(result.reasons[0]).toBe(
      required
        ? "Une analyse d'impact relative à la protection des données (AIPD) est requise."
        : "Une analyse d'impact relative à la protection des données (AIPD) n'est pas requise.",
    );
    const reasons = result.reasons.join('\n');
    for (const expected of because) {
      if (typeof expected === 'string') expect(reasons).toContain(expected);
      else expect(reasons).toMatch(expected);
    }
  });
});
