import { GDPR, HDS_V2 } from '@vigie/reference-data';

/** Where a clause of the checklist comes from. */
export type ClauseFamily = 'gdpr-art28' | 'vendor-security' | 'hds';

export const CLAUSE_FAMILY_FR: Record<ClauseFamily, string> = {
  'gdpr-art28': 'RGPD, article 28.3 (clauses obligatoires du contrat de sous-traitance)',
  'vendor-security': "Clauses de sécurité de l'opérateur",
  hds: 'Hébergement de données de santé (HDS v2, EXI 17 à 31)',
};

/** A clause the checklist of a contract asks for. */
export interface ClauseDefinition {
  key: string;
  family: ClauseFamily;
  /** Article of the text the clause comes from (`28.3.a`, `EXI-17`), when there is one. */
  ref: string | null;
  /** What the contract must say, in French. */
  label: string;
}

/**
 * French wording of the Art. 28.3 clauses, by key of `GDPR.art28_3ProcessorClauses`: the five items the first
 * subparagraph requires the contract to set out, then points a to h and the last subparagraph.
 */
const ART28_FR: Record<string, string> = {
  'subject-matter-duration': 'Le contrat définit l’objet et la durée du traitement',
  'nature-purpose': 'Le contrat définit la nature et la finalité du traitement',
  'personal-data-types': 'Le contrat définit le type de données à caractère personnel traitées',
  'data-subject-categories': 'Le contrat définit les catégories de personnes concernées',
  'controller-obligations-rights':
    'Le contrat définit les obligations et les droits du responsable du traitement',
  'documented-instructions':
    'Le sous-traitant ne traite les données à caractère personnel que sur instruction documentée du responsable ' +
    'du traitement, y compris en ce qui concerne les transferts de données vers un pays tiers ou à une ' +
    'organisation internationale, à moins qu’il ne soit tenu d’y procéder en vertu du droit de l’Union ou du ' +
    'droit de l’État membre auquel il est soumis ; dans ce cas, il informe le responsable du traitement de cette ' +
    'obligation juridique avant le traitement, sauf si ce droit l’interdit pour des motifs importants d’intérêt public',
  confidentiality:
    'Les personnes autorisées à traiter les données sont soumises à une obligation de confidentialité',
  'security-art32': 'Le sous-traitant met en œuvre toutes les mesures de sécurité exigées par l’article 32',
  'sub-processors':
    'Le sous-traitant respecte les conditions des paragraphes 2 et 4 de l’article 28 pour recruter un autre ' +
    'sous-traitant : autorisation écrite préalable, spécifique ou générale, du responsable du traitement (en ' +
    'cas d’autorisation générale, information préalable de tout changement prévu, auquel le responsable peut ' +
    's’opposer) ; les mêmes obligations de protection des données, dont des garanties suffisantes quant aux ' +
    'mesures techniques et organisationnelles, imposées par contrat au sous-traitant ultérieur ; le ' +
    'sous-traitant initial demeure pleinement responsable de l’exécution de ces obligations par l’autre sous-traitant',
  'assist-rights':
    'Le sous-traitant aide le responsable de traitement à répondre aux demandes d’exercice des droits des personnes',
  'assist-32-36':
    'Le sous-traitant aide le responsable pour la sécurité, la notification des violations, les analyses d’impact et la consultation préalable (articles 32 à 36)',
  'delete-or-return':
    'En fin de prestation, le sous-traitant supprime ou restitue toutes les données personnelles, au choix du responsable, et détruit les copies',
  audits:
    'Le sous-traitant met à disposition toutes les informations prouvant le respect de ses obligations et permet les audits et inspections',
  'unlawful-instruction-notice':
    'Le sous-traitant informe immédiatement le responsable si une instruction lui paraît enfreindre la réglementation sur la protection des données',
};

/** French references of the Art. 28.3 clauses whose reference data names a subparagraph in English. */
const ART28_REF_FR: Record<string, string> = {
  '28.3 first subparagraph': '28.3, 1er alinéa',
  '28.3 last subparagraph': '28.3, dernier alinéa',
};

/** The keys of the clauses Art. 28.3 requires of every processor contract: one missing is a non-compliance. */
export const ART28_CLAUSE_KEYS: readonly string[] = GDPR.art28_3ProcessorClauses.map((clause) => clause.key);

/** French paraphrases of the operator's security clauses, by key of `GDPR.vendorSecurityClauses`. */
const SECURITY_FR: Record<string, string> = {
  'breach-notification-delay':
    'L’éditeur notifie toute violation de données personnelles dans un délai exprimé en heures, fixé au contrat',
  'data-location-eea':
    'Les données sont stockées et traitées exclusivement dans l’Espace économique européen ; les lieux d’hébergement sont indiqués',
  'extraterritorial-laws':
    'L’éditeur déclare son exposition à des lois extra-européennes et les mesures qui en limitent les effets',
  'hds-certificate':
    'L’éditeur détient un certificat HDS valide couvrant le service lorsque des données de santé sont hébergées',
  'iso27001-certificate': 'L’éditeur détient un certificat ISO/IEC 27001 couvrant le service',
  'security-assurance-plan': 'Un plan d’assurance sécurité (PAS) est annexé au contrat',
  'remote-maintenance':
    'La télémaintenance passe uniquement par le bastion de l’opérateur, sur autorisation, et elle est tracée',
  'access-logging':
    'L’éditeur conserve les journaux d’accès aux données hébergées et les communique sur demande',
  encryption: 'Les données sont chiffrées en transit et au repos',
  'vulnerability-patching':
    'L’éditeur corrige les vulnérabilités de sécurité dans des délais fixés au contrat',
  'backup-continuity':
    'Le contrat prévoit les sauvegardes, des tests de restauration et des engagements de continuité de service',
  reversibility:
    'Réversibilité : l’éditeur restitue toutes les données dans un format ouvert puis détruit les copies',
  'no-other-use': 'L’éditeur n’utilise les données pour aucune autre finalité que le service',
  'staff-screening': 'Le personnel ayant accès aux données est sélectionné avec soin et formé',
};

/** French paraphrases of HDS v2 EXI 17 to 31 (contract clauses and sovereignty), by requirement id. */
const HDS_FR: Record<string, string> = {
  'EXI-17': 'Périmètre du certificat HDS de l’hébergeur et ses dates de délivrance et de renouvellement',
  'EXI-18':
    'Description des prestations et des résultats attendus (disponibilité, intégrité, confidentialité, auditabilité)',
  'EXI-19':
    'Modalités d’exercice des droits des personnes, de notification des violations au responsable et d’audit par le DPO',
  'EXI-20': 'Référent contractuel du client pour les incidents touchant les données de santé hébergées',
  'EXI-21':
    'Indicateurs de qualité et de performance, niveau garanti, périodicité de mesure et pénalités (ou leur absence)',
  'EXI-22':
    'Conditions de recours à des prestataires techniques externes offrant une protection équivalente (RGPD art. 28.4)',
  'EXI-23': 'Modalités d’accès aux données de santé hébergées',
  'EXI-24':
    'Obligations de l’hébergeur lors des évolutions techniques ; accord préalable du client pour certaines évolutions',
  'EXI-25': 'Garanties et procédures prévues en cas de défaillance de l’hébergeur',
  'EXI-26': 'Interdiction d’utiliser les données hébergées à d’autres fins que l’hébergement',
  'EXI-27':
    'Réversibilité : restitution de toutes les données, destruction des copies, coûts et délais, formats lisibles et portables',
  'EXI-28':
    'Stockage des données de santé exclusivement dans l’Espace économique européen (hébergeur et sous-traitants), lieu communiqué au client',
  'EXI-29':
    'Accès à distance depuis l’extérieur de l’EEE seulement dans le respect des règles de transfert du RGPD, client informé',
  'EXI-30':
    'Lois de pays tiers non adéquats applicables à l’hébergeur ou à ses sous-traitants : liste, mesures d’atténuation et risques résiduels',
  'EXI-31':
    'Cartographie publique et à jour des transferts de données de santé hors de l’EEE, avec la mention prévue selon la qualification SecNumCloud',
};

const HDS_CLAUSE_IDS = Array.from({ length: 15 }, (_, i) => `EXI-${17 + i}`);

function definitions(): { base: ClauseDefinition[]; hds: ClauseDefinition[] } {
  const base: ClauseDefinition[] = [
    ...GDPR.art28_3ProcessorClauses.map((clause) => ({
      key: clause.key,
      family: 'gdpr-art28' as const,
      ref: ART28_REF_FR[clause.ref] ?? clause.ref,
      label: frenchOf(ART28_FR, clause.key),
    })),
    ...GDPR.vendorSecurityClauses.map((clause) => ({
      key: clause.key,
      family: 'vendor-security' as const,
      ref: null,
      label: frenchOf(SECURITY_FR, clause.key),
    })),
  ];
  const hds = HDS_V2.requirements
    .filter((requirement) => HDS_CLAUSE_IDS.includes(requirement.id))
    .map((requirement) => ({
      key: `hds-${requirement.id.toLowerCase()}`,
      family: 'hds' as const,
      ref: requirement.id.replace('-', ' '),
      label: frenchOf(HDS_FR, requirement.id),
    }));
  if (hds.length !== HDS_CLAUSE_IDS.length) throw new Error('HDS reference data lacks EXI 17 to 31');
  return { base, hds };
}

function frenchOf(labels: Record<string, string>, key: string): string {
  const label = labels[key];
  if (!label) throw new Error(`No French label for contract clause "${key}"`);
  return label;
}

const { base: BASE_CLAUSES, hds: HDS_CLAUSES } = definitions();
const BY_KEY = new Map([...BASE_CLAUSES, ...HDS_CLAUSES].map((clause) => [clause.key, clause]));

/**
 * The clauses a contract is checked against: Art. 28.3 and the operator's security clauses always, the HDS
 * contract and sovereignty clauses (EXI 17 to 31) when a covered application holds health data.
 */
export function checklistFor(healthData: boolean): ClauseDefinition[] {
  return healthData ? [...BASE_CLAUSES, ...HDS_CLAUSES] : [...BASE_CLAUSES];
}

export function clauseDefinition(key: string): ClauseDefinition | undefined {
  return BY_KEY.get(key);
}

/** Whether the clause is one Art. 28.3 requires (its absence is a non-compliance, whatever the score). */
export function isArt28Clause(key: string): boolean {
  return clauseDefinition(key)?.family === 'gdpr-art28';
}

/** The HDS clauses (EXI 17 to 31), in checklist order. */
export function hdsClauses(): ClauseDefinition[] {
  return [...HDS_CLAUSES];
}
