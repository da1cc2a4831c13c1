import {
  CNIL_DPIA_NOT_REQUIRED,
  DATA_CATEGORY_LABELS_FR,
  DATA_SUBJECT_LABELS_FR,
  GDPR,
  SPECIAL_CATEGORY_LABELS_FR,
} from '@vigie/reference-data';

/** Keys and French labels of the register's closed lists (the keys are the API's values). */

export const LEGAL_BASES = GDPR.legalBases.map((basis) => basis.key);
export type LegalBasis = (typeof LEGAL_BASES)[number];
export const LEGAL_BASIS_LABELS: Record<string, string> = Object.fromEntries(
  GDPR.legalBases.map((basis) => [basis.key, `${basis.fr} (art. ${basis.code})`]),
);

/** The short French names of the legal bases ("Mission d'intérêt public"), as spreadsheets show them. */
export const GDPR_LEGAL_BASIS_NAMES: Record<string, string> = Object.fromEntries(
  GDPR.legalBases.map((basis) => [basis.key, basis.fr ?? basis.key]),
);

export const FINAL_FATES = GDPR.retentionFinalFate.map((fate) => fate.key);
export const FINAL_FATE_LABELS: Record<string, string> = Object.fromEntries(
  GDPR.retentionFinalFate.map((fate) => [fate.key, fate.fr ?? fate.key]),
);

export const DATA_CATEGORY_LABELS = DATA_CATEGORY_LABELS_FR;

/** Art. 9 special categories, Art. 10 criminal data, and the French NIR. */
export const SPECIAL_CATEGORIES = [
  ...GDPR.specialCategories.art9,
  GDPR.specialCategories.art10,
  'nir',
] as readonly string[];
export const CRIMINAL_DATA = GDPR.specialCategories.art10;
/**
 * The NIR is not an Art. 9 category: an entry says so in its own field `nir`. Older payloads' `specialCategories`
 * item `nir` is still read, into that field.
 */
export const NIR_CATEGORY = 'nir';
export const SPECIAL_CATEGORY_LABELS = SPECIAL_CATEGORY_LABELS_FR;

/** Conditions lifting the Art. 9 prohibition, and the Art. 10 one for criminal data. */
export const ART9_CONDITIONS = GDPR.specialCategories.art9Conditions.map((condition) => condition.code);
export const ART10_CONDITION = '10';
export const CONDITION_LABELS: Record<string, string> = {
  '9.2.a': 'Consentement explicite',
  '9.2.b': 'Droit du travail, de la sécurité sociale et de la protection sociale',
  '9.2.c': "Sauvegarde des intérêts vitaux d'une personne hors d'état de consentir",
  '9.2.d': 'Organisme à but non lucratif, pour ses membres',
  '9.2.e': 'Données manifestement rendues publiques par la personne',
  '9.2.f': "Constatation, exercice ou défense d'un droit en justice",
  '9.2.g': "Motif d'intérêt public important prévu par le droit",
  '9.2.h': 'Médecine préventive, diagnostics, prise en charge sanitaire ou sociale',
  '9.2.i': 'Santé publique',
  '9.2.j': "Archivage dans l'intérêt public, recherche scientifique ou historique, statistiques",
  '10': "Art. 10 : sous le contrôle de l'autorité publique ou autorisé par le droit",
};

export const WP248_CRITERIA = GDPR.dpiaCriteriaWP248.criteria.map((criterion) => criterion.key);
export const WP248_LABELS: Record<string, string> = {
  'evaluation-scoring': 'Évaluation ou notation, y compris le profilage et la prédiction',
  'automated-decision': 'Décision automatisée avec effet juridique ou effet similaire significatif',
  'systematic-monitoring': 'Surveillance systématique',
  'sensitive-data': 'Données sensibles ou à caractère hautement personnel',
  'large-scale': 'Données traitées à grande échelle',
  'matching-datasets': "Croisement ou combinaison d'ensembles de données",
  'vulnerable-subjects': 'Données concernant des personnes vulnérables',
  'innovative-use': 'Usage innovant ou nouvelle solution technologique ou organisationnelle',
  'prevents-rights': "Traitement empêchant d'exercer un droit ou de bénéficier d'un service ou d'un contrat",
};

export const CNIL_LIST_ITEMS = GDPR.cnilDpiaRequiredList.items.map((item) => item.key);
export const CNIL_LIST_LABELS: Record<string, string> = {
  'health-care-institutions':
    'Données de santé traitées par les établissements de santé ou médico-sociaux pour la prise en charge des personnes',
  'genetic-vulnerable': 'Données génétiques de personnes « vulnérables »',
  'hr-profiling': 'Profilage des personnes à des fins de gestion des ressources humaines',
  'employee-monitoring': "Surveillance constante de l'activité des employés",
  'social-health-alerts': 'Gestion des alertes et des signalements en matière sociale et sanitaire',
  whistleblowing: 'Gestion des alertes et des signalements en matière professionnelle',
  'health-data-warehouse': "Données de santé pour constituer un entrepôt de données ou un registre",
  'contract-exclusion-profiling':
    "Profilage pouvant exclure une personne du bénéfice d'un contrat, ou le suspendre ou y mettre fin",
  'pooled-breach-data': "Traitement mutualisé de manquements contractuels pouvant conduire à une exclusion",
  'external-source-profiling': 'Profilage à partir de données provenant de sources externes',
  'biometric-vulnerable': 'Données biométriques pour reconnaître des personnes, dont des personnes « vulnérables »',
  'social-housing': 'Instruction des demandes et gestion des logements sociaux',
  'social-support': "Accompagnement social ou médico-social des personnes",
  'large-scale-location': 'Données de localisation à large échelle',
};

/**
 * The CNIL list of processing types that do not require a DPIA (délibération n° 2019-118): the API's keys are
 * the items' numbers ("3"), their labels « Item 3 : wording ».
 */
export const CNIL_EXEMPTION_ITEMS = CNIL_DPIA_NOT_REQUIRED.items.map((item) => String(item.item));
export const CNIL_EXEMPTION_LABELS: Record<string, string> = Object.fromEntries(
  CNIL_DPIA_NOT_REQUIRED.items.map((item) => [String(item.item), `Item ${item.item} : ${item.wording}`]),
);
export const CNIL_EXEMPTION_SHORT_LABELS: Record<string, string> = Object.fromEntries(
  CNIL_DPIA_NOT_REQUIRED.items.map((item) => [String(item.item), `Item ${item.item} : ${item.short}`]),
);

/** The three cases of Art. 35.3 (the API's keys for them). */
export const ART35_CASES = ['systematic-evaluation', 'large-scale-special-categories', 'public-area-monitoring'];
export const ART35_LABELS: Record<string, string> = {
  'systematic-evaluation':
    'Évaluation systématique et approfondie fondée sur un traitement automatisé, produisant des effets juridiques ou similaires',
  'large-scale-special-categories':
    'Traitement à grande échelle de catégories particulières de données (art. 9) ou de données pénales (art. 10)',
  'public-area-monitoring': "Surveillance systématique à grande échelle d'une zone accessible au public",
};

export const STATUSES = ['draft', 'validated', 'archived'] as const;
export type ActivityStatus = (typeof STATUSES)[number];
export const STATUS_LABELS: Record<ActivityStatus, string> = {
  draft: 'Brouillon',
  validated: 'Validé',
  archived: 'Archivé',
};

export const DATA_SUBJECT_LABELS = DATA_SUBJECT_LABELS_FR;

/** The French label of a key of one of these lists, or the value itself when it is free text. */
export function labelOf(labels: Record<string, string>, key: string): string {
  return labels[key] ?? key;
}

/** French names of an entry's fields (history, template differences, spreadsheets). */
export const FIELD_LABELS: Record<string, string> = {
  name: 'Nom du traitement',
  description: 'Description',
  applicationIds: 'Applications',
  purposes: 'Finalités et bases légales',
  dataSubjects: 'Personnes concernées',
  dataCategories: 'Catégories de données',
  specialCategories: 'Données sensibles',
  recipients: 'Destinataires',
  nir: "Numéro d'inscription au répertoire (NIR)",
  transfers: "Transferts hors de l'Espace économique européen",
  securityMeasures: 'Mesures de sécurité',
  dpiaCriteria: 'Critères AIPD (WP248)',
  cnilListItems: 'Liste CNIL des traitements soumis à AIPD',
  art35Cases: 'Cas de l’article 35.3',
  cnilExemptionItem: "Dispense d'AIPD (délibération CNIL n° 2019-118)",
  reviewDate: 'Date de révision',
  status: 'Statut',
  dpiaDecision: 'Décision sur l’AIPD',
  dpiaAssessment: 'AIPD réalisée',
  templateVersion: 'Version du modèle',
};
