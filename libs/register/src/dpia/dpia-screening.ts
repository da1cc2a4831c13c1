import { CNIL_DPIA_NOT_REQUIRED, ExemptionExclusion } from '@vigie/reference-data';
import {
  ART35_A,
  ART35_C,
  AUTOMATED_DECISION_CRITERION,
  BIOMETRIC_DATA_CATEGORIES,
  BIOMETRIC_SPECIAL_CATEGORIES,
  CNIL_ITEM,
  EMPLOYEES,
  EVALUATION_CRITERION,
  HEALTH_SPECIAL_CATEGORY,
  LARGE_SCALE_CRITERION,
  LARGE_SCALE_SPECIAL_CASE,
  LOCATION_DATA_CATEGORY,
  NOT_ART9_OR_10,
  PUBLIC_AREA_SUBJECTS,
  SENSITIVE_DATA_CATEGORIES,
  SENSITIVE_DATA_CRITERION,
  SOCIAL_SITUATION_DATA_CATEGORY,
  SOCIAL_SUPPORT_SUBJECTS,
  SYSTEMATIC_MONITORING_CRITERION,
  VULNERABLE_SUBJECTS,
  VULNERABLE_SUBJECTS_CRITERION,
  WHISTLEBLOWING_SUBJECTS,
} from '../data/dpia-implications';
import {
  ART35_LABELS,
  CNIL_LIST_LABELS,
  labelOf,
  SPECIAL_CATEGORY_LABELS,
  WP248_LABELS,
} from '../data/register-labels';

/** What the screening reads of an entry. */
export interface ScreeningInput {
  dpiaCriteria: readonly string[];
  cnilListItems: readonly string[];
  art35Cases?: readonly string[];
  specialCategories: readonly { category: string }[];
  dataSubjects: readonly string[];
  /** Keys of `GDPR.dataCategories` (or free text, which implies nothing). */
  dataCategories?: readonly { category: string }[];
  /** The entry processes the NIR, wherever it declares it (a special category `nir`, a data category `nir`…). */
  nir?: boolean;
  /** The item of the CNIL list of processing types not requiring a DPIA (délibération n° 2019-118). */
  cnilExemptionItem?: string | null;
  decision?: DpiaDecision | null;
}

/** A DPO's reasoned decision not to carry out a DPIA that the screening found required. */
export interface DpiaDecision {
  outcome: 'not-carried-out';
  reason: string;
  decidedAt: string;
  decidedBy: string | null;
  decidedByName?: string | null;
  /** The criteria met when the decision was taken: a later change of criteria makes it stale. */
  criteria: string[];
}

export interface ScreenedItem {
  key: string;
  label: string;
  /** Added by the screening from the entry's content, not ticked by its author. */
  implied: boolean;
  /** Why it was implied: the facts of the entry that led to it. */
  impliedBy?: string;
}

/** The exemption the DPO invoked and whether it lifts the requirement. */
export interface ScreenedExemption {
  item: string;
  label: string;
  /** False when an Art. 35.3 case, a 2018-327 item or the item's own wording rules it out. */
  applied: boolean;
  /** Why it does not apply. */
  notAppliedBecause?: string;
}

export interface DpiaScreening {
  required: boolean;
  /** The result explained in French sentences. */
  reasons: string[];
  criteria: ScreenedItem[];
  cnilListItems: ScreenedItem[];
  art35Cases: ScreenedItem[];
  exemption?: ScreenedExemption;
  decision?: DpiaDecision & { stale: boolean };
}

function add(items: ScreenedItem[], key: string, labels: Record<string, string>, impliedBy?: string): void {
  const existing = items.find((item) => item.key === key);
  if (existing) return;
  items.push({
    key,
    label: labelOf(labels, key),
    implied: impliedBy !== undefined,
    ...(impliedBy ? { impliedBy } : {}),
  });
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function describe(items: ScreenedItem[]): string {
  return items
    .map((item) => (item.implied ? `${item.label} (déduit : ${item.impliedBy})` : item.label))
    .join(' ; ');
}

const criterion = (key: string) => `critère « ${WP248_LABELS[key]} »`;
const subjects = (keys: string[], names: Record<string, string>) =>
  `personnes concernées : ${keys.map((key) => names[key] ?? key).join(', ')}`;

/** The facts of an entry the deductions read, each once. */
function factsOf(input: ScreeningInput) {
  const special = input.specialCategories.map((s) => s.category);
  const dataCategories = (input.dataCategories ?? []).map((c) => c.category);
  const ticked = new Set(input.dpiaCriteria);
  const nir = input.nir === true || special.includes('nir') || dataCategories.includes('nir');
  return {
    special,
    art9or10: special.filter((key) => !NOT_ART9_OR_10.includes(key)),
    dataCategories,
    ticked,
    nir,
    biometric:
      special.some((key) => BIOMETRIC_SPECIAL_CATEGORIES.includes(key)) ||
      dataCategories.some((key) => BIOMETRIC_DATA_CATEGORIES.includes(key)),
    vulnerable: input.dataSubjects.filter((subject) => subject in VULNERABLE_SUBJECTS),
    subjectsIn: (keys: readonly string[]) => input.dataSubjects.filter((subject) => keys.includes(subject)),
  };
}

/** WP248 criteria 4 (sensitive or highly personal data) and 7 (vulnerable data subjects), from the facts. */
function impliedCriteria(facts: ReturnType<typeof factsOf>, criteria: ScreenedItem[]) {
  const sensitive: string[] = [];
  const special = facts.special.filter((key) => key !== 'nir');
  if (special.length > 0) {
    sensitive.push(
      `catégories particulières de données : ${special.map((key) => lowerFirst(labelOf(SPECIAL_CATEGORY_LABELS, key))).join(', ')}`,
    );
  }
  if (facts.nir) sensitive.push('NIR (numéro de sécurité sociale)');
  const personal = facts.dataCategories.filter((key) => key in SENSITIVE_DATA_CATEGORIES && key !== 'nir');
  if (personal.length > 0) {
    sensitive.push(
      `données à caractère hautement personnel : ${personal.map((key) => SENSITIVE_DATA_CATEGORIES[key]).join(', ')}`,
    );
  }
  if (sensitive.length > 0) add(criteria, SENSITIVE_DATA_CRITERION, WP248_LABELS, sensitive.join(' ; '));
  if (facts.vulnerable.length > 0) {
    add(
      criteria,
      VULNERABLE_SUBJECTS_CRITERION,
      WP248_LABELS,
      `personnes concernées : ${facts.vulnerable.map((s) => VULNERABLE_SUBJECTS[s]).join(', ')}`,
    );
  }
}

/** The items of the CNIL list (délibération n° 2018-327) that the facts lead to. */
function impliedCnilItems(facts: ReturnType<typeof factsOf>, items: ScreenedItem[]) {
  const put = (key: string, because: string) => add(items, key, CNIL_LIST_LABELS, because);
  const housing = facts.subjectsIn(['housing-applicants']);
  if (housing.length > 0) put(CNIL_ITEM.socialHousing, subjects(housing, VULNERABLE_SUBJECTS));
  const aid = facts.subjectsIn(['social-aid-beneficiaries']);
  const supported = facts.subjectsIn(SOCIAL_SUPPORT_SUBJECTS);
  if (aid.length > 0) put(CNIL_ITEM.socialSupport, subjects(aid, VULNERABLE_SUBJECTS));
  else if (supported.length > 0 && facts.dataCategories.includes(SOCIAL_SITUATION_DATA_CATEGORY)) {
    put(
      CNIL_ITEM.socialSupport,
      `situation sociale de personnes vulnérables (${subjects(supported, VULNERABLE_SUBJECTS)})`,
    );
  }
  const patients = facts.subjectsIn(['patients']);
  if (patients.length > 0 && facts.special.includes(HEALTH_SPECIAL_CATEGORY)) {
    put(CNIL_ITEM.healthCare, `données de santé de patients pris en charge`);
  }
  const employees = facts.subjectsIn(EMPLOYEES);
  if (employees.length > 0 && facts.ticked.has(SYSTEMATIC_MONITORING_CRITERION)) {
    put(
      CNIL_ITEM.employeeMonitoring,
      `${criterion(SYSTEMATIC_MONITORING_CRITERION)} et ${subjects(employees, VULNERABLE_SUBJECTS)}`,
    );
  }
  if (employees.length > 0 && facts.ticked.has(EVALUATION_CRITERION)) {
    put(
      CNIL_ITEM.hrProfiling,
      `${criterion(EVALUATION_CRITERION)} et ${subjects(employees, VULNERABLE_SUBJECTS)}`,
    );
  }
  const alerts = facts.subjectsIn(Object.keys(WHISTLEBLOWING_SUBJECTS));
  if (alerts.length > 0) put(CNIL_ITEM.whistleblowing, subjects(alerts, WHISTLEBLOWING_SUBJECTS));
  if (facts.biometric && facts.vulnerable.length > 0) {
    put(
      CNIL_ITEM.biometricVulnerable,
      `données biométriques et ${subjects(facts.vulnerable, VULNERABLE_SUBJECTS)}`,
    );
  }
  if (facts.dataCategories.includes(LOCATION_DATA_CATEGORY) && facts.ticked.has(LARGE_SCALE_CRITERION)) {
    put(CNIL_ITEM.largeScaleLocation, `données de localisation et ${criterion(LARGE_SCALE_CRITERION)}`);
  }
}

/** The cases of Art. 35.3 that the facts lead to. */
function impliedArt35Cases(facts: ReturnType<typeof factsOf>, cases: ScreenedItem[]) {
  if (facts.ticked.has(EVALUATION_CRITERION) && facts.ticked.has(AUTOMATED_DECISION_CRITERION)) {
    add(
      cases,
      ART35_A,
      ART35_LABELS,
      `${criterion(EVALUATION_CRITERION)} et ${criterion(AUTOMATED_DECISION_CRITERION)}`,
    );
  }
  if (facts.art9or10.length > 0 && facts.ticked.has(LARGE_SCALE_CRITERION)) {
    add(
      cases,
      LARGE_SCALE_SPECIAL_CASE,
      ART35_LABELS,
      `${criterion(LARGE_SCALE_CRITERION)} et ${
        facts.art9or10.length === 1 ? 'catégorie particulière' : 'catégories particulières'
      } : ${facts.art9or10.map((key) => lowerFirst(labelOf(SPECIAL_CATEGORY_LABELS, key))).join(', ')}`,
    );
  }
  const publicArea = facts.subjectsIn(Object.keys(PUBLIC_AREA_SUBJECTS));
  if (
    publicArea.length > 0 &&
    facts.ticked.has(SYSTEMATIC_MONITORING_CRITERION) &&
    facts.ticked.has(LARGE_SCALE_CRITERION)
  ) {
    add(
      cases,
      ART35_C,
      ART35_LABELS,
      `${criterion(SYSTEMATIC_MONITORING_CRITERION)}, ${criterion(LARGE_SCALE_CRITERION)} et ${subjects(publicArea, PUBLIC_AREA_SUBJECTS)}`,
    );
  }
}

const EXCLUSION_REASONS: Record<ExemptionExclusion, string> = {
  profiling: 'le traitement recourt au profilage',
  'special-categories': 'le traitement porte sur des données sensibles',
  biometric: 'le traitement repose sur un dispositif biométrique',
};

/** Whether the exemption item invoked lifts the requirement, and why not. */
function screenExemption(
  key: string,
  facts: ReturnType<typeof factsOf>,
  cnilListItems: ScreenedItem[],
  art35Cases: ScreenedItem[],
): ScreenedExemption {
  const item = CNIL_DPIA_NOT_REQUIRED.items.find((candidate) => String(candidate.item) === key);
  if (!item) return { item: key, label: key, applied: false, notAppliedBecause: 'item inconnu' };
  const label = `délibération n° 2019-118, item ${item.item} : « ${item.wording} »`;
  const excluded = item.excludes.filter((exclusion) => {
    if (exclusion === 'profiling') return facts.ticked.has(EVALUATION_CRITERION);
    if (exclusion === 'biometric') return facts.biometric;
    return facts.art9or10.length > 0;
  });
  const blocking: string[] = [];
  if (art35Cases.length > 0)
    blocking.push(`d'un cas de l'article 35.3 du RGPD (${art35Cases.map((c) => c.label).join(' ; ')})`);
  if (cnilListItems.length > 0) {
    blocking.push(
      `de la liste des traitements soumis à AIPD (délibération n° 2018-327 : ${cnilListItems.map((c) => c.label).join(' ; ')})`,
    );
  }
  if (blocking.length > 0) {
    return {
      item: key,
      label,
      applied: false,
      notAppliedBecause: `le traitement relève aussi ${blocking.join(' et ')}`,
    };
  }
  if (excluded.length > 0) {
    return {
      item: key,
      label,
      applied: false,
      notAppliedBecause: `${excluded.map((e) => EXCLUSION_REASONS[e]).join(' et ')}, ce que l'item exclut`,
    };
  }
  return { item: key, label, applied: true };
}

/**
 * The DPIA screening of an entry (Art. 35 GDPR, EDPB guidelines WP248 rev.01, CNIL deliberations 2018-327 and
 * 2019-118): required when two or more WP248 criteria are met, or the processing is of a type on the CNIL list
 * of 2018-327, or it is a case of Art. 35.3; not required when the DPO placed it under an item of the CNIL
 * list of 2019-118, unless an Art. 35.3 case or a 2018-327 item applies. Criteria, list items and cases implied
 * by the entry's content (data subjects, data categories, special categories, ticked criteria) are added and
 * marked `implied`, with the facts that led to them. Pure: same entry, same answer.
 */
export function screenDpia(input: ScreeningInput): DpiaScreening {
  const criteria: ScreenedItem[] = [];
  const cnilListItems: ScreenedItem[] = [];
  const art35Cases: ScreenedItem[] = [];
  const facts = factsOf(input);

  for (const key of input.dpiaCriteria) add(criteria, key, WP248_LABELS);
  impliedCriteria(facts, criteria);
  for (const key of input.cnilListItems) add(cnilListItems, key, CNIL_LIST_LABELS);
  impliedCnilItems(facts, cnilListItems);
  for (const key of input.art35Cases ?? []) add(art35Cases, key, ART35_LABELS);
  impliedArt35Cases(facts, art35Cases);

  const exemption = input.cnilExemptionItem
    ? screenExemption(input.cnilExemptionItem, facts, cnilListItems, art35Cases)
    : undefined;
  const mandatory = cnilListItems.length > 0 || art35Cases.length > 0;
  const required = mandatory || (criteria.length >= 2 && !exemption?.applied);
  const reasons: string[] = [];
  if (exemption?.applied) {
    reasons.push(`AIPD non requise : ${exemption.label}.`);
  }
  if (cnilListItems.length > 0) {
    reasons.push(
      `Le traitement relève de la liste des types d'opérations pour lesquels la CNIL exige une AIPD ` +
        `(délibération n° 2018-327) : ${describe(cnilListItems)}.`,
    );
  }
  if (art35Cases.length > 0) {
    reasons.push(`Le traitement correspond à un cas de l'article 35.3 du RGPD : ${describe(art35Cases)}.`);
  }
  if (criteria.length >= 2) {
    reasons.push(
      `${criteria.length} critères des lignes directrices du CEPD (WP248) sont réunis : ${describe(criteria)}. ` +
        (exemption?.applied
          ? "Ils n'imposent pas d'AIPD : la CNIL a dispensé ce type de traitement."
          : `À partir de deux critères, une AIPD est requise.`),
    );
  } else if (criteria.length === 1) {
    reasons.push(
      required
        ? `Un critère des lignes directrices du CEPD (WP248) est également réuni : ${describe(criteria)}.`
        : `Un seul critère des lignes directrices du CEPD (WP248) est réuni : ${describe(criteria)}. ` +
            `Une AIPD n'est pas requise à ce titre ; le responsable du traitement apprécie si ce critère suffit.`,
    );
  } else if (!required && !exemption?.applied) {
    reasons.push(
      "Aucun critère des lignes directrices du CEPD (WP248), aucun type d'opération de la liste de la CNIL et " +
        "aucun cas de l'article 35.3 du RGPD ne s'applique : une AIPD n'est pas requise.",
    );
  }
  if (exemption && !exemption.applied) {
    reasons.push(
      `La dispense invoquée (${exemption.label}) ne s'applique pas : ${exemption.notAppliedBecause}` +
        (required ? ' ; une AIPD reste requise.' : '.'),
    );
  }
  if (required)
    reasons.unshift("Une analyse d'impact relative à la protection des données (AIPD) est requise.");
  else reasons.unshift("Une analyse d'impact relative à la protection des données (AIPD) n'est pas requise.");

  const screening: DpiaScreening = { required, reasons, criteria, cnilListItems, art35Cases };
  if (exemption) screening.exemption = exemption;
  if (input.decision) {
    const now = criteria.map((c) => c.key).sort();
    const then = [...input.decision.criteria].sort();
    const stale = now.join('|') !== then.join('|');
    screening.decision = { ...input.decision, stale };
    reasons.push(
      `Le DPO a décidé de ne pas mener d'AIPD (décision du ${input.decision.decidedAt.slice(0, 10).split('-').reverse().join('/')}) : ` +
        `« ${input.decision.reason} »` +
        (stale ? ' Les critères ont changé depuis cette décision : elle doit être réexaminée.' : ''),
    );
  }
  return screening;
}
