/**
 * The French wording of the errors the API answers: class-validator's constraints, the framework's HTTP
 * errors and the names of the records. Codes (`type`) and field names stay machine-readable; only the
 * sentences a person reads (`detail`, `errors[].message`) are in French.
 */

/** Words that give away an English sentence (the sweep of the API's errors looks for them too). */
const ENGLISH =
  /\b(must|should|cannot|can't|not found|invalid|is not|are not|required|expected|allowed|unsupported|failed|too many|too large|no such|already|please|unknown)\b/i;

/** True when a message reads as English (a default or unconverted message). */
export function looksEnglish(text: string): boolean {
  return ENGLISH.test(text);
}

const plural = (n: number, singular: string, pluralForm = `${singular}s`) =>
  `${n} ${Math.abs(n) >= 2 ? pluralForm : singular}`;

type ConstraintMessage = (subject: string, english: string) => string;

function numbers(english: string): number[] {
  return [...english.matchAll(/(-?\d+(?:\.\d+)?)/g)].map((m) => Number(m[1]));
}

/** One French sentence per class-validator constraint, by its name; numbers are read from the default text. */
const CONSTRAINTS: Record<string, ConstraintMessage> = {
  isString: (s) => `${s} doit être une chaîne de caractères`,
  isLength: (s, english) => {
    const [a, b] = numbers(english);
    if (/longer than or equal to \d+ and shorter/.test(english)) {
      return `${s} doit compter entre ${a} et ${plural(b, 'caractère')}`;
    }
    if (/longer than/.test(english)) return `${s} doit compter au moins ${plural(a, 'caractère')}`;
    if (/shorter than/.test(english)) return `${s} doit compter au plus ${plural(a, 'caractère')}`;
    return `${s} n'a pas une longueur admise`;
  },
  minLength: (s, english) => `${s} doit compter au moins ${plural(numbers(english)[0] ?? 1, 'caractère')}`,
  maxLength: (s, english) => `${s} doit compter au plus ${plural(numbers(english)[0] ?? 0, 'caractère')}`,
  isIn: (s, english) => {
    const values = english.split('following values:')[1]?.trim();
    return values
      ? `${s} doit valoir l'une des valeurs suivantes : ${values}`
      : `${s} n'est pas une valeur admise`;
  },
  isEnum: (s, english) => {
    const values = english.split('following values:')[1]?.trim();
    return values
      ? `${s} doit valoir l'une des valeurs suivantes : ${values}`
      : `${s} n'est pas une valeur admise`;
  },
  isNotIn: (s) => `${s} ne peut pas prendre cette valeur`,
  isUuid: (s) => `${s} doit être un identifiant (UUID)`,
  isArray: (s) => `${s} doit être une liste`,
  isObject: (s) => `${s} doit être un objet`,
  arrayMaxSize: (s, english) => `${s} doit contenir au plus ${plural(numbers(english)[0] ?? 0, 'élément')}`,
  arrayMinSize: (s, english) => `${s} doit contenir au moins ${plural(numbers(english)[0] ?? 1, 'élément')}`,
  arrayNotEmpty: (s) => `${s} ne doit pas être une liste vide`,
  arrayUnique: (s) => `${s} ne doit pas contenir deux fois la même valeur`,
  arrayContains: (s) => `${s} doit contenir les valeurs attendues`,
  min: (s, english) => `${s} doit valoir au moins ${numbers(english)[0]}`,
  max: (s, english) => `${s} doit valoir au plus ${numbers(english)[0]}`,
  isInt: (s) => `${s} doit être un nombre entier`,
  isNumber: (s) => `${s} doit être un nombre`,
  isPositive: (s) => `${s} doit être un nombre positif`,
  isBoolean: (s) => `${s} doit valoir true ou false`,
  isIso8601: (s) => `${s} doit être une date au format ISO 8601 (AAAA-MM-JJ, ou date et heure avec décalage)`,
  isDateString: (s) => `${s} doit être une date au format ISO 8601`,
  isDate: (s) => `${s} doit être une date`,
  isEmail: (s) => `${s} doit être une adresse électronique`,
  isUrl: (s) => `${s} doit être une adresse web (URL)`,
  isDefined: (s) => `${s} est obligatoire`,
  isNotEmpty: (s) => `${s} ne doit pas être vide`,
  isEmpty: (s) => `${s} doit être vide`,
  equals: (s) => `${s} n'a pas la valeur attendue`,
  notEquals: (s) => `${s} ne peut pas prendre cette valeur`,
  matches: (s) => `${s} n'a pas le format attendu`,
  nestedValidation: (s) => `${s} doit être un objet ou une liste d'objets`,
  whitelistValidation: (s) => `${s} est un champ inconnu : retirez-le de la requête`,
  isSiren: (s) => `${s} doit être un numéro SIREN de 9 chiffres dont la clé est valide`,
  isCountryCode: (s) => `${s} doit être un code pays ISO 3166-1 alpha-2 (par exemple FR)`,
  isCountry: (s) => `${s} doit être une liste de codes pays ISO 3166-1 alpha-2 (par exemple FR)`,
};

/**
 * The French message of one failed constraint of `property`. A message the DTO wrote itself in French is
 * kept; a default (English) one is replaced by the constraint's French sentence, or by a generic one.
 */
export function frenchConstraintMessage(property: string, constraint: string, message: string): string {
  const each = /^each value in /.test(message);
  if (!looksEnglish(message) && !each) return message;
  const subject = each ? `chaque élément de ${property}` : property;
  const english = message.replace(/^each value in /, '');
  const sentence = CONSTRAINTS[constraint];
  return sentence ? sentence(subject, english) : `${subject} n'est pas valide`;
}

/** French names of the records, for "… introuvable" and version conflicts; the label given otherwise. */
const RECORD_LABELS: Record<string, string> = {
  Organisation: 'Organisation',
  Organization: 'Organisation',
  User: 'Utilisateur',
  Membership: 'Rôle',
  Application: 'Application',
  Deployment: 'Déploiement',
  Document: 'Document',
  Vendor: 'Fournisseur',
  'Vendor profile': 'Fiche fournisseur',
  Contract: 'Contrat',
  'Contract clause': 'Clause du contrat',
  Questionnaire: 'Questionnaire',
  'Questionnaire template': 'Modèle de questionnaire',
  Question: 'Question',
  Attachment: 'Pièce jointe',
  Breach: 'Violation',
  'Breach register': 'Registre des violations',
  Incident: 'Incident',
  'Rights request': 'Demande d’exercice de droits',
  'Rights requests': 'Demandes d’exercice de droits',
  'Access review': 'Revue des habilitations',
  'Access review item': 'Compte de la revue des habilitations',
  'Remediation task': 'Tâche de remédiation',
  Assessment: 'Évaluation',
  'Requirement assessment': 'Évaluation d’exigence',
  Evidence: 'Preuve',
  'Evidence link': 'Lien de preuve',
  Framework: 'Référentiel',
  Register: 'Registre',
  'Register template': 'Modèle de fiche',
  'Processing activity': 'Traitement',
  ProcessingActivity: 'Traitement',
  Version: 'Version',
  AuditEvent: 'Journal d’audit',
  AccessReview: 'Revue des habilitations',
  AccessReviewItem: 'Compte de la revue des habilitations',
  RemediationTask: 'Tâche de remédiation',
  RightsRequest: 'Demande d’exercice de droits',
  RegisterTemplate: 'Modèle de fiche',
  QuestionnaireTemplate: 'Modèle de questionnaire',
  VendorProfile: 'Fiche fournisseur',
  RequirementAssessment: 'Évaluation d’exigence',
  GeneratedDocument: 'Document',
  ProcessorRegister: 'Registre du sous-traitant',
};

/** « Contrat » for "Contract"; a label already in French is returned as is. */
export function recordLabelFr(label: string): string {
  return RECORD_LABELS[label] ?? label;
}

/** The detail of a framework HTTP error (Nest's router, pipes, guards, multer) in French. */
export function frenchHttpDetail(status: number, message: string): string {
  const route = /^Cannot (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (.+)$/.exec(message);
  if (route) return `Aucune route ${route[1]} ${route[2]} dans l'API`;
  if (/uuid is expected/i.test(message)) return 'Identifiant invalide : un UUID est attendu';
  if (/numeric string is expected/i.test(message)) return 'Valeur invalide : un nombre est attendu';
  if (/Unexpected field/i.test(message)) return 'Champ de fichier inattendu dans l’envoi multipart';
  if (/Multipart: Boundary not found|Unexpected end of form|Malformed part header/i.test(message)) {
    return 'Envoi multipart mal formé';
  }
  if (!looksEnglish(message) && status < 500 && !/^[A-Z][a-z]+( [A-Z]?[a-z]+)*$/.test(message)) {
    return message;
  }
  return HTTP_DETAILS_FR[status] ?? (status >= 500 ? 'Erreur du serveur' : 'Requête refusée');
}

/** A generic French detail per HTTP status. */
export const HTTP_DETAILS_FR: Record<number, string> = {
  400: 'Requête invalide',
  401: 'Authentification requise',
  403: 'Votre rôle ne permet pas cette action',
  404: 'Ressource introuvable',
  405: 'Méthode non permise sur cette ressource',
  406: 'Format de réponse demandé non disponible',
  408: 'Délai de la requête dépassé',
  409: 'Conflit avec l’état actuel de la ressource',
  410: 'Ressource supprimée',
  411: 'La longueur du corps de la requête doit être indiquée',
  412: 'Précondition non remplie',
  413: 'Le corps de la requête est trop volumineux',
  414: 'Adresse de la requête trop longue',
  415: 'Type de contenu non pris en charge',
  422: 'Requête impossible à traiter',
  428: 'Précondition requise',
  429: 'Trop de tentatives ; réessayez plus tard',
  500: 'Une erreur inattendue s’est produite',
  501: 'Fonction non disponible',
  502: 'Service amont indisponible',
  503: 'Service momentanément indisponible ; réessayez dans un instant',
  504: 'Délai de réponse du service amont dépassé',
};
