import {
  CNIL_ITEMS_BY_SUBJECT,
  LARGE_SCALE_CRITERION,
  LARGE_SCALE_SPECIAL_CASE,
  NOT_ART9_OR_10,
  SENSITIVE_DATA_CRITERION,
  VULNERABLE_SUBJECTS,
  VULNERABLE_SUBJECTS_CRITERION,
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
  /** Why it was implied. */
  impliedBy?: string;
}

export interface DpiaScreening {
  required: boolean;
  /** The result explained in French sentences. */
  reasons: string[];
  criteria: ScreenedItem[];
  cnilListItems: ScreenedItem[];
  art35Cases: ScreenedItem[];
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

/**
 * The DPIA screening of an entry (Art. 35 GDPR, EDPB guidelines WP248 rev.01, CNIL deliberation 2018-327):
 * required when two or more WP248 criteria are met, or the processing is of a type on the CNIL list, or it is
 * a case of Art. 35.3. Criteria and list items implied by the entry's content (special categories, vulnerable
 * data subjects) are added and marked `implied`. Pure: same entry, same answer.
 */
export function screenDpia(input: ScreeningInput): DpiaScreening {
  const criteria: ScreenedItem[] = [];
  const cnilListItems: ScreenedItem[] = [];
  const art35Cases: ScreenedItem[] = [];

  for (const key of input.dpiaCriteria) add(criteria, key, WP248_LABELS);
  if (input.specialCategories.length > 0) {
    const categories = input.specialCategories.map((s) =>
      lowerFirst(labelOf(SPECIAL_CATEGORY_LABELS, s.category)),
    );
    add(
      criteria,
      SENSITIVE_DATA_CRITERION,
      WP248_LABELS,
      `catégories particulières de données : ${categories.join(', ')}`,
    );
  }
  const vulnerable = input.dataSubjects.filter((subject) => subject in VULNERABLE_SUBJECTS);
  if (vulnerable.length > 0) {
    add(
      criteria,
      VULNERABLE_SUBJECTS_CRITERION,
      WP248_LABELS,
      `personnes concernées : ${vulnerable.map((s) => VULNERABLE_SUBJECTS[s]).join(', ')}`,
    );
  }

  for (const key of input.cnilListItems) add(cnilListItems, key, CNIL_LIST_LABELS);
  for (const subject of input.dataSubjects) {
    const item = CNIL_ITEMS_BY_SUBJECT[subject];
    if (item)
      add(
        cnilListItems,
        item,
        CNIL_LIST_LABELS,
        `personnes concernées : ${VULNERABLE_SUBJECTS[subject] ?? subject}`,
      );
  }

  for (const key of input.art35Cases ?? []) add(art35Cases, key, ART35_LABELS);
  const art9or10 = input.specialCategories.filter((s) => !NOT_ART9_OR_10.includes(s.category));
  if (art9or10.length > 0 && input.dpiaCriteria.includes(LARGE_SCALE_CRITERION)) {
    add(
      art35Cases,
      LARGE_SCALE_SPECIAL_CASE,
      ART35_LABELS,
      'grande échelle et catégories particulières de données',
    );
  }

  const required = criteria.length >= 2 || cnilListItems.length > 0 || art35Cases.length > 0;
  const reasons: string[] = [];
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
        `À partir de deux critères, une AIPD est requise.`,
    );
  } else if (criteria.length === 1) {
    reasons.push(
      required
        ? `Un critère des lignes directrices du CEPD (WP248) est également réuni : ${describe(criteria)}.`
        : `Un seul critère des lignes directrices du CEPD (WP248) est réuni : ${describe(criteria)}. ` +
            `Une AIPD n'est pas requise à ce titre ; le responsable du traitement apprécie si ce critère suffit.`,
    );
  } else if (!required) {
    reasons.push(
      "Aucun critère des lignes directrices du CEPD (WP248), aucun type d'opération de la liste de la CNIL et " +
        "aucun cas de l'article 35.3 du RGPD ne s'applique : une AIPD n'est pas requise.",
    );
  }
  if (required)
    reasons.unshift("Une analyse d'impact relative à la protection des données (AIPD) est requise.");
  else reasons.unshift("Une analyse d'impact relative à la protection des données (AIPD) n'est pas requise.");

  const screening: DpiaScreening = { required, reasons, criteria, cnilListItems, art35Cases };
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
