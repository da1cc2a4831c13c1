/**
 * Closed lists the register's legal rules use (transfers outside the EEA, the NIR, the DPIA carried out), each
 * item `{key, label}` with its French label as a French DPO and the CNIL word it. The keys are the API's values.
 */

export interface RuleListItem {
  key: string;
  label: string;
}

/** Appropriate safeguards of a transfer (Chapter V GDPR, Art. 45 to 49). */
export interface TransferSafeguard extends RuleListItem {
  /** The article of the GDPR that provides it. */
  article: string;
}

export const TRANSFER_SAFEGUARDS: readonly TransferSafeguard[] = [
  {
    key: 'adequacy-decision',
    article: '45',
    label: "Décision d'adéquation de la Commission européenne (art. 45)",
  },
  {
    key: 'standard-contractual-clauses',
    article: '46.2.c',
    label: 'Clauses contractuelles types adoptées par la Commission européenne (art. 46.2.c)',
  },
  {
    key: 'binding-corporate-rules',
    article: '47',
    label: "Règles d'entreprise contraignantes (art. 46.2.b et 47)",
  },
  {
    key: 'public-authorities-instrument',
    article: '46.2.a',
    label: 'Instrument juridiquement contraignant entre autorités ou organismes publics (art. 46.2.a)',
  },
  {
    key: 'supervisory-authority-clauses',
    article: '46.2.d',
    label: 'Clauses types de protection des données adoptées par une autorité de contrôle (art. 46.2.d)',
  },
  {
    key: 'code-of-conduct',
    article: '46.2.e',
    label: 'Code de conduite approuvé, avec engagements contraignants du destinataire (art. 46.2.e)',
  },
  {
    key: 'certification',
    article: '46.2.f',
    label:
      'Mécanisme de certification approuvé, avec engagements contraignants du destinataire (art. 46.2.f)',
  },
  {
    key: 'ad-hoc-contractual-clauses',
    article: '46.3.a',
    label: "Clauses contractuelles autorisées par l'autorité de contrôle (art. 46.3.a)",
  },
  {
    key: 'administrative-arrangement',
    article: '46.3.b',
    label:
      "Arrangement administratif entre autorités publiques autorisé par l'autorité de contrôle (art. 46.3.b)",
  },
  {
    key: 'derogation',
    article: '49',
    label: "Dérogation pour une situation particulière (art. 49) : préciser le cas de l'article 49.1",
  },
];

/** The cases of Art. 49.1, first subparagraph: a transfer without safeguard in a specific situation. */
export const TRANSFER_DEROGATIONS: readonly RuleListItem[] = [
  {
    key: 'a',
    label: 'Consentement explicite de la personne, informée des risques (art. 49.1.a)',
  },
  {
    key: 'b',
    label: "Exécution d'un contrat entre la personne et le responsable du traitement (art. 49.1.b)",
  },
  {
    key: 'c',
    label: "Contrat conclu dans l'intérêt de la personne (art. 49.1.c)",
  },
  { key: 'd', label: "Motifs importants d'intérêt public (art. 49.1.d)" },
  {
    key: 'e',
    label: 'Constatation, exercice ou défense de droits en justice (art. 49.1.e)',
  },
  {
    key: 'f',
    label: "Sauvegarde des intérêts vitaux d'une personne hors d'état de consentir (art. 49.1.f)",
  },
  {
    key: 'g',
    label: 'Transfert au départ d’un registre public (art. 49.1.g)',
  },
];

/**
 * The legal grounds of the use of the NIR (numéro d'inscription au répertoire national d'identification des
 * personnes physiques): article 30 of the law n° 78-17 of 6 January 1978 reserves it to processings authorised
 * by a decree in Conseil d'État taken after the CNIL's opinion, chiefly the « décret cadre NIR ».
 */
export const NIR_LEGAL_GROUNDS: readonly (RuleListItem & { referenceHint: string })[] = [
  {
    key: 'decret-2019-341',
    label:
      "Décret n° 2019-341 du 19 avril 2019 (« décret cadre NIR »), pris en application de l'article 30 de la loi n° 78-17 du 6 janvier 1978",
    referenceHint:
      "L'item du tableau annexé au décret utilisé (catégorie de responsables et finalité), par exemple « sphère de la protection sociale » ou « sphère du travail et de l'emploi : gestion de la paie et déclarations sociales »",
  },
  {
    key: 'specific-text',
    label:
      "Autre texte autorisant l'usage du NIR (loi, ou décret en Conseil d'État pris après avis de la CNIL)",
    referenceHint: 'Le texte qui autorise cet usage du NIR, avec son article',
  },
];

/** The progress of a DPIA carried out (Art. 35). */
export const DPIA_ASSESSMENT_STATUSES: readonly RuleListItem[] = [
  { key: 'in-progress', label: 'AIPD en cours' },
  { key: 'done', label: 'AIPD réalisée' },
];

/** The residual risk a DPIA concludes on, once the planned measures are applied (Art. 35.7.d, Art. 36.1). */
export const DPIA_RESIDUAL_RISKS: readonly RuleListItem[] = [
  { key: 'low', label: 'Faible' },
  { key: 'medium', label: 'Modéré' },
  { key: 'high', label: 'Élevé' },
];

/** Keys of a list, for class-validator's `IsIn`. */
export function ruleListKeys(items: readonly RuleListItem[]): string[] {
  return items.map((item) => item.key);
}

/** The French label of a key of `items`, or the key itself. */
export function ruleListLabel(items: readonly RuleListItem[], key: string | null | undefined): string {
  if (!key) return '';
  return items.find((item) => item.key === key)?.label ?? key;
}

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

/** Words of a free-text safeguard that name one of the list (old entries, spreadsheets, older clients). */
const SAFEGUARD_WORDS: [RegExp, string][] = [
  [/regles d'entreprise contraignantes|\bbcr\b|binding corporate/, 'binding-corporate-rules'],
  [
    /clauses? contractuelles? types?|\bcct\b|\bscc\b|standard contractual|2021\/914/,
    'standard-contractual-clauses',
  ],
  [/adequation|adequacy|data privacy framework|\bdpf\b|art\. ?45|article 45/, 'adequacy-decision'],
  [/code de conduite|code of conduct/, 'code-of-conduct'],
  [/certification/, 'certification'],
  [/arrangement administratif/, 'administrative-arrangement'],
  [/derogation|\bart(icle|\.)? ?49\b/, 'derogation'],
];

/**
 * The key of a safeguard written as its key, its French label or a free text that names it (« Clauses
 * contractuelles types 2021/914 » → `standard-contractual-clauses`); `undefined` when the text names none.
 */
export function safeguardKeyOf(text: string | null | undefined): string | undefined {
  if (!text || !text.trim()) return undefined;
  const folded = fold(text);
  const exact = TRANSFER_SAFEGUARDS.find(
    (safeguard) => fold(safeguard.key) === folded || fold(safeguard.label) === folded,
  );
  if (exact) return exact.key;
  return SAFEGUARD_WORDS.find(([pattern]) => pattern.test(folded))?.[1];
}

/** The letter of an Art. 49.1 derogation written as « a », « 49.1.a », « art. 49.1 b » or its French label. */
export function derogationKeyOf(text: string | null | undefined): string | undefined {
  if (!text || !text.trim()) return undefined;
  const folded = fold(text);
  const exact = TRANSFER_DEROGATIONS.find((d) => d.key === folded || fold(d.label) === folded);
  if (exact) return exact.key;
  const letter = /^(?:(?:art\.?|article)\s*)?(?:49\.?\s*1\.?\s*)?([a-g])\)?$/.exec(folded)?.[1];
  return letter;
}
