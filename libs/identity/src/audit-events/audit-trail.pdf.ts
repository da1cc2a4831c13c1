import { formatDateFr, formatDateTimeFr, formatNumberFr, formatTimeFr, PdfReport } from '@vigie/documents';
import {
  DATA_CATEGORY_LABELS_FR,
  DATA_SUBJECT_LABELS_FR,
  SPECIAL_CATEGORY_LABELS_FR,
} from '@vigie/reference-data';
import type { AuditEventView } from './audit-events.service';

const MAX_CHANGE_TEXT = 600;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** What an action did, by the last part of its name (`processing-activity.validate` → validate). */
const VERBS_FR: Record<string, string> = {
  create: 'Création',
  update: 'Modification',
  delete: 'Suppression',
  generate: 'Génération',
  validate: 'Validation',
  archive: 'Archivage',
  import: 'Import',
  decide: 'Décision',
  reassign: 'Réattribution',
  recur: 'Reconduction',
  remediated: 'Remédiation terminée',
  'certificate-evidence': 'Versement du certificat en preuve',
  link: 'Rattachement d’une preuve',
  unlink: 'Détachement d’une preuve',
  upload: 'Dépôt',
  answer: 'Réponse',
  attach: 'Pièce jointe',
  comment: 'Commentaire',
  review: 'Revue',
  send: 'Envoi',
  submit: 'Soumission',
  done: 'Tâche faite',
  'dpia-decision': 'Décision sur l’AIPD',
  receive: 'Réception d’un signalement',
  open: 'Ouverture',
  close: 'Clôture',
  closed: 'Clôture',
  assessed: 'Évaluation',
  notified: 'Notification à la CNIL',
  'not-notifiable': 'Constat de non-notification',
  'to-assess': 'Retour à évaluer',
  'in-progress': 'Prise en charge',
  extended: 'Prolongation du délai',
  answered: 'Réponse apportée',
  refused: 'Refus',
  received: 'Réception',
};

/** The kind of record an event is about, in French. */
const ENTITIES_FR: Record<string, string> = {
  organisation: 'organisation',
  user: 'utilisateur',
  membership: 'rôle',
  'generated-document': 'document PDF',
  document: 'document PDF',
  application: 'application',
  deployment: 'déploiement',
  'processing-activity': 'fiche de traitement',
  'register-template': 'modèle de fiche',
  breach: 'violation de données',
  incident: 'incident',
  'rights-request': 'demande d’exercice de droits',
  contract: 'contrat',
  'contract.clause': 'clause de contrat',
  questionnaire: 'questionnaire de sécurité',
  'questionnaire-template': 'modèle de questionnaire',
  'vendor-profile': 'fiche fournisseur',
  'access-review': 'revue des habilitations',
  'access-review-item': 'compte revu',
  'remediation-task': 'tâche de remédiation',
  assessment: 'évaluation de conformité',
  'requirement-assessment': 'évaluation d’exigence',
  evidence: 'preuve',
  framework: 'référentiel',
};

/** French labels of the fields recorded in changes; an unknown field keeps its (machine) name. */
const FIELDS_FR: Record<string, string> = {
  name: 'Nom',
  shortName: 'Nom court',
  kind: 'Type',
  siren: 'SIREN',
  siret: 'SIRET',
  ssoRequired: 'Connexion unique obligatoire',
  status: 'Statut',
  description: 'Description',
  version: 'Version',
  displayName: 'Nom affiché',
  email: 'Adresse électronique',
  password: 'Mot de passe',
  disabled: 'Compte désactivé',
  role: 'Rôle',
  userId: 'Utilisateur',
  organisationId: 'Organisation',
  applicationId: 'Application',
  applicationIds: 'Applications',
  processingActivityIds: 'Traitements',
  vendorId: 'Fournisseur',
  templateId: 'Modèle',
  templateVersion: 'Version du modèle',
  purposes: 'Finalités',
  legalBasis: 'Base légale',
  legalBasisDetail: 'Précision de la base légale',
  dataSubjects: 'Personnes concernées',
  dataCategories: 'Catégories de données',
  specialCategories: 'Données sensibles',
  recipients: 'Destinataires',
  transfers: 'Transferts hors UE',
  securityMeasures: 'Mesures de sécurité',
  reviewDate: 'Prochaine révision',
  validatedAt: 'Validée le',
  validatedBy: 'Validée par',
  archivedAt: 'Archivée le',
  dpiaCriteria: 'Critères AIPD',
  cnilListItems: 'Liste CNIL des traitements soumis à AIPD',
  art35Cases: 'Cas de l’article 35.3',
  dpiaDecision: 'Décision sur l’AIPD',
  title: 'Titre',
  occurredAt: 'Date de survenue',
  awareAt: 'Prise de connaissance',
  processorNotifiedAt: 'Notifiée par le sous-traitant le',
  assessedAt: 'Évaluée le',
  riskLevel: 'Niveau de risque',
  riskAssessment: 'Évaluation du risque',
  natures: 'Nature de la violation',
  approxSubjects: 'Nombre de personnes concernées',
  approxRecords: 'Nombre d’enregistrements concernés',
  subjectCategories: 'Catégories de personnes',
  likelyConsequences: 'Conséquences probables',
  measuresTaken: 'Mesures prises',
  measuresPlanned: 'Mesures envisagées',
  cnilNotifiedAt: 'Notifiée à la CNIL le',
  cnilReference: 'Référence de la notification',
  notificationDelayReason: 'Motifs du retard',
  notNotifiableReason: 'Motif de non-notification',
  complementaryNotifications: 'Notifications complémentaires',
  subjectsInformed: 'Personnes informées',
  subjectsInformedAt: 'Personnes informées le',
  subjectsInformationMeans: 'Moyen d’information',
  waiverGround: 'Motif de dispense',
  waiverJustification: 'Justification de la dispense',
  closedAt: 'Clôturée le',
  requesterName: 'Demandeur',
  requestType: 'Type de demande',
  rights: 'Droits exercés',
  receivedAt: 'Reçue le',
  identityChecked: 'Identité vérifiée',
  extensionMonths: 'Prolongation (mois)',
  extensionReason: 'Motif de la prolongation',
  answeredAt: 'Réponse le',
  answerChannel: 'Moyen de réponse',
  refusalReason: 'Motif du refus',
  dueDate: 'Échéance',
  decision: 'Décision',
  reason: 'Motif',
  reviewerId: 'Relecteur',
  justification: 'Justification',
  applicable: 'Applicable',
  inclusionReasons: 'Motifs d’inclusion',
  ownerId: 'Responsable',
  notes: 'Notes',
  fileName: 'Fichier',
  sha256: 'Empreinte SHA-256',
  effectiveDate: 'Date d’effet',
  expiresAt: 'Expire le',
  reference: 'Référence',
  startDate: 'Début',
  endDate: 'Fin',
  noticeDate: 'Date limite de préavis',
  comment: 'Commentaire',
  sentAt: 'Envoyé le',
  submittedAt: 'Soumis le',
  reviewedAt: 'Revu le',
  openedAt: 'Ouverte le',
  remediatedAt: 'Remédiation terminée le',
  accounts: 'Comptes',
  fields: 'Champs',
  scope: 'Périmètre',
  frameworkCode: 'Référentiel',
  contact: 'Coordonnées',
  representative: 'Représentant légal',
  dpo: 'Délégué à la protection des données',
  address: 'Adresse',
  postalCode: 'Code postal',
  city: 'Commune',
  phone: 'Téléphone',
  category: 'Catégorie',
  condition: 'Condition',
  retention: 'Durée de conservation',
  finalFate: 'Sort final',
  type: 'Type',
  country: 'Pays',
  safeguard: 'Garantie',
  recipient: 'Destinataire',
  outcome: 'Issue',
  decidedAt: 'Décidé le',
  decidedBy: 'Décidé par',
  at: 'Date',
  summary: 'Objet',
  notificationDeadline: 'Échéance de notification à la CNIL',
  incidentId: 'Incident',
  size: 'Taille (octets)',
  answers: 'Réponses',
  decisionReason: 'Motif de la décision',
  rationale: 'Motivation',
  decidedByName: 'Décidé par',
  legalGround: 'Fondement',
  right: 'Droit exercé',
  receivedChannel: 'Reçue par',
  requesterContact: 'Coordonnées du demandeur',
  imported: 'Comptes importés',
  rejected: 'Lignes refusées',
  unchanged: 'Inchangés',
  flags: 'Signalements',
  criteria: 'Critères',
};

/** Recorded values that are keys or markers, in French. */
const VALUES_FR: Record<string, string> = {
  draft: 'brouillon',
  validated: 'validée',
  archived: 'archivée',
  member: 'membre',
  vendor: 'fournisseur',
  operator: 'opérateur',
  admin: 'administrateur de l’opérateur',
  'security-officer': 'RSSI de l’opérateur',
  auditor: 'auditeur de certification',
  dpo: 'délégué à la protection des données',
  editor: 'rédacteur',
  reader: 'lecteur',
  'vendor-contact': 'contact fournisseur',
  '(hidden)': '(masqué)',
  '(changed)': '(modifié)',
  keep: 'conserver',
  revoke: 'révoquer',
  modify: 'modifier',
  'not-started': 'non commencée',
  'in-progress': 'en cours',
  implemented: 'mise en œuvre',
  'not-applicable': 'non applicable',
  present: 'présente',
  partial: 'partielle',
  missing: 'absente',
  none: 'aucun',
  risk: 'risque',
  'high-risk': 'risque élevé',
  consent: 'consentement (art. 6.1.a)',
  contract: 'contrat (art. 6.1.b)',
  'legal-obligation': 'obligation légale (art. 6.1.c)',
  'vital-interests': 'intérêts vitaux (art. 6.1.d)',
  'public-task': 'mission d’intérêt public (art. 6.1.e)',
  'legitimate-interests': 'intérêts légitimes (art. 6.1.f)',
  'to-assess': 'à évaluer',
  assessed: 'évaluée',
  notified: 'notifiée à la CNIL',
  'not-notifiable': 'non notifiable',
  closed: 'clôturée',
  confidentiality: 'perte de confidentialité',
  integrity: 'perte d’intégrité',
  availability: 'perte de disponibilité',
  destruction: 'destruction',
  anonymisation: 'anonymisation',
  'archives-public': 'versement aux archives publiques',
  register: 'registre',
  'activity-sheet': 'fiche de traitement',
  'audit-trail': 'journal d’audit',
  received: 'reçue',
  extended: 'prolongée',
  answered: 'traitée',
  refused: 'refusée',
  open: 'ouverte',
  remediated: 'remédiée',
  done: 'faite',
  'to-do': 'à faire',
  yes: 'oui',
  no: 'non',
  access: 'accès (art. 15)',
  rectification: 'rectification (art. 16)',
  erasure: 'effacement (art. 17)',
  restriction: 'limitation (art. 18)',
  portability: 'portabilité (art. 20)',
  objection: 'opposition (art. 21)',
  email: 'courriel',
  'postal-mail': 'courrier postal',
  'online-form': 'formulaire en ligne',
  'identity-pending': 'identité à vérifier',
  'in-person': 'au guichet',
  phone: 'téléphone',
};

/** A recorded key in French: the lists above, then the register's own labels (people, data). */
function valueFr(value: string): string | undefined {
  return (
    VALUES_FR[value] ??
    DATA_SUBJECT_LABELS_FR[value] ??
    DATA_CATEGORY_LABELS_FR[value] ??
    SPECIAL_CATEGORY_LABELS_FR[value]
  );
}

/** Names of the records and users an audit trail mentions, by id. */
export type RecordNames = Map<string, string>;

/** « Modification · organisation » for `organisation.update`; unknown actions are shown as recorded. */
export function actionLabelFr(action: string, entity: string): string {
  const verb = VERBS_FR[action.split('.').pop() ?? ''];
  const subject = action.startsWith('contract.clause.') ? 'contract.clause' : entity;
  return verb ? `${verb} · ${ENTITIES_FR[subject] ?? entity}` : action;
}

/** A recorded value as a French reader reads it: names for ids, French dates, no JSON. */
export function displayValue(value: unknown, names: RecordNames, depth = 0): string {
  if (value === null || value === undefined || value === '') return 'vide';
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (typeof value === 'number') return formatNumberFr(value);
  if (typeof value === 'string') {
    if (UUID.test(value))
      return names.get(value.toLowerCase()) ?? 'élément supprimé ou hors de votre périmètre';
    if (CALENDAR_DAY.test(value)) return formatDateFr(value);
    if (INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return formatDateTimeFr(value);
    return valueFr(value) ?? value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return 'aucun';
    return value.map((item) => displayValue(item, names, depth + 1)).join(', ');
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(
      ([, v]) => v !== null && v !== undefined && v !== '',
    );
    if (entries.length === 0) return 'vide';
    const text = entries
      .map(([key, v]) => `${FIELDS_FR[key] ?? key} : ${displayValue(v, names, depth + 1)}`)
      .join(', ');
    return depth > 0 ? `(${text})` : text;
  }
  return String(value);
}

/** Bookkeeping fields a reader does not need: the record is named in its own column. */
const SKIPPED_FIELDS = new Set([
  'id',
  'createdAt',
  'updatedAt',
  'createdBy',
  'updatedBy',
  'organisationId',
  'passwordHash',
]);

const empty = (value: unknown) =>
  value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

function describeChanges(changes: AuditEventView['changes'], names: RecordNames): string {
  const text = Object.entries(changes)
    .filter(([field]) => !SKIPPED_FIELDS.has(field))
    .map(([field, { before, after }]) => {
      const label = FIELDS_FR[field] ?? field;
      if (empty(before)) return `${label} : ${displayValue(after, names)}`;
      if (empty(after)) return `${label} : ${displayValue(before, names)} → retiré`;
      return `${label} : ${displayValue(before, names)} → ${displayValue(after, names)}`;
    })
    .join(' ; ');
  return text.length > MAX_CHANGE_TEXT ? `${text.slice(0, MAX_CHANGE_TEXT)}…` : text;
}

/** Every id an event mentions (its record, its author, ids among the recorded values). */
export function idsOf(event: AuditEventView): string[] {
  const ids = new Set<string>([event.entityId]);
  if (event.actorId) ids.add(event.actorId);
  const visit = (value: unknown, depth: number) => {
    if (depth > 4) return;
    if (typeof value === 'string' && UUID.test(value)) ids.add(value.toLowerCase());
    else if (Array.isArray(value)) value.forEach((v) => visit(v, depth + 1));
    else if (value && typeof value === 'object') Object.values(value).forEach((v) => visit(v, depth + 1));
  };
  for (const { before, after } of Object.values(event.changes)) {
    visit(before, 0);
    visit(after, 0);
  }
  return [...ids].filter((id) => UUID.test(id));
}

/** "Journal d'audit" of one organisation: every recorded change, oldest first, records named. */
export async function renderAuditTrailPdf(
  organisationName: string,
  events: AuditEventView[],
  names: RecordNames,
  generatedAt: Date,
): Promise<Buffer> {
  const title = `Journal d'audit — ${organisationName}`;
  return PdfReport.render({ title, organisationName, generatedAt }, (report) => {
    report.title(
      "Journal d'audit",
      `${organisationName} — ${formatNumberFr(events.length)} ${events.length > 1 ? 'évènements enregistrés' : 'évènement enregistré'}`,
    );
    report.paragraph(
      'Chaque modification des données est enregistrée dans la même transaction que la modification elle-même. ' +
        "Les évènements sont chaînés par empreinte SHA-256 : toute altération d'un évènement enregistré est détectée.",
      { muted: true },
    );
    report.table(
      [
        { header: 'Date et auteur', nowrap: true },
        { header: 'Action et objet' },
        { header: 'Modifications', width: 2 },
      ],
      events.map((event) => [
        [
          formatDateFr(event.at),
          `à ${formatTimeFr(event.at)}`,
          event.actorId ? (names.get(event.actorId) ?? 'Utilisateur supprimé') : 'Système',
        ].join('\n'),
        `${actionLabelFr(event.action, event.entity)}\n${names.get(event.entityId) ?? 'élément supprimé ou hors de votre périmètre'}`,
        describeChanges(event.changes, names),
      ]),
      'Aucun évènement enregistré',
    );
  });
}
