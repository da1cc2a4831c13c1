import type { FieldError } from '@vigie/core';

export const QUESTION_TYPES = [
  'yes-no',
  'single-choice',
  'multiple-choice',
  'text',
  'number',
  'date',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** Types whose answers earn points (the others are informative and weigh nothing). */
export const SCORED_TYPES: readonly QuestionType[] = ['yes-no', 'single-choice', 'multiple-choice'];

export interface QuestionChoice {
  value: string;
  label: string;
  /** Share of the question's weight this choice earns, from 0 to 100. */
  score: number;
}

export interface QuestionDefinition {
  key: string;
  text: string;
  /** Guidance for the vendor: what a good answer states. */
  help?: string;
  type: QuestionType;
  required: boolean;
  /** Relative importance in the score (0 = not scored). Only for yes-no and choice questions. */
  weight: number;
  /** For choice questions; optional for yes-no (default: yes 100, no 0). */
  choices?: QuestionChoice[];
  /** The vendor is asked to attach a document (certificate, policy, report…). */
  evidenceRequested: boolean;
}

export interface SectionDefinition {
  key: string;
  title: string;
  questions: QuestionDefinition[];
}

export const YES_NO_DEFAULT: QuestionChoice[] = [
  { value: 'yes', label: 'Oui', score: 100 },
  { value: 'no', label: 'Non', score: 0 },
];

const KEY = /^[a-z0-9][a-z0-9-]{0,59}$/;
const MAX_SECTIONS = 50;
const MAX_QUESTIONS = 500;
const MAX_CHOICES = 30;
const MAX_WEIGHT = 100;

/**
 * Checks a template's structure and lists every problem (field paths like `sections[1].questions[3].choices`):
 * keys well formed and unique (sections among sections, questions across the whole template), texts present,
 * known types, choices present and unique for choice questions and absent elsewhere (yes-no may redefine
 * `yes`/`no`), scores between 0 and 100, weights only on scored types.
 */
export function templateErrors(sections: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const error = (field: string, message: string) => errors.push({ field, message });
  if (!Array.isArray(sections) || sections.length === 0) {
    error('sections', 'au moins une section est obligatoire');
    return errors;
  }
  if (sections.length > MAX_SECTIONS) error('sections', `au plus ${MAX_SECTIONS} sections`);
  const sectionKeys = new Set<string>();
  const questionKeys = new Set<string>();
  let questionCount = 0;
  sections.forEach((section: Partial<SectionDefinition>, s) => {
    const at = `sections[${s}]`;
    if (typeof section !== 'object' || section === null) return error(at, 'doit être un objet');
    if (typeof section.key !== 'string' || !KEY.test(section.key))
      error(`${at}.key`, 'doit être fait de minuscules, de chiffres et de tirets (60 au plus)');
    else if (sectionKeys.has(section.key)) error(`${at}.key`, `clé de section « ${section.key} » en double`);
    else sectionKeys.add(section.key);
    if (!nonEmptyText(section.title, 200)) error(`${at}.title`, 'doit être un texte de 1 à 200 caractères');
    if (!Array.isArray(section.questions) || section.questions.length === 0)
      return error(`${at}.questions`, 'au moins une question est obligatoire');
    section.questions.forEach((question: Partial<QuestionDefinition>, q) => {
      questionCount += 1;
      questionErrors(question, `${at}.questions[${q}]`, questionKeys, error);
    });
  });
  if (questionCount > MAX_QUESTIONS) error('sections', `au plus ${MAX_QUESTIONS} questions en tout`);
  return errors;
}

function questionErrors(
  question: Partial<QuestionDefinition>,
  at: string,
  keys: Set<string>,
  error: (field: string, message: string) => void,
): void {
  if (typeof question !== 'object' || question === null) return error(at, 'doit être un objet');
  const allowed = new Set([
    'key',
    'text',
    'help',
    'type',
    'required',
    'weight',
    'choices',
    'evidenceRequested',
  ]);
  for (const field of Object.keys(question))
    if (!allowed.has(field)) error(`${at}.${field}`, 'n’est pas un champ d’une question');
  if (typeof question.key !== 'string' || !KEY.test(question.key))
    error(`${at}.key`, 'doit être fait de minuscules, de chiffres et de tirets (60 au plus)');
  else if (keys.has(question.key)) error(`${at}.key`, `clé de question « ${question.key} » en double`);
  else keys.add(question.key);
  if (!nonEmptyText(question.text, 1000)) error(`${at}.text`, 'doit être un texte de 1 à 1000 caractères');
  if (question.help !== undefined && !nonEmptyText(question.help, 2000))
    error(`${at}.help`, 'doit être un texte de 1 à 2000 caractères');
  if (typeof question.required !== 'boolean') error(`${at}.required`, 'doit valoir true ou false');
  if (typeof question.evidenceRequested !== 'boolean')
    error(`${at}.evidenceRequested`, 'doit valoir true ou false');
  if (!QUESTION_TYPES.includes(question.type as QuestionType)) {
    return error(`${at}.type`, `doit valoir l'une des valeurs suivantes : ${QUESTION_TYPES.join(', ')}`);
  }
  const scored = SCORED_TYPES.includes(question.type as QuestionType);
  if (!Number.isInteger(question.weight) || question.weight! < 0 || question.weight! > MAX_WEIGHT)
    error(`${at}.weight`, `doit être un entier de 0 à ${MAX_WEIGHT}`);
  else if (!scored && question.weight !== 0)
    error(`${at}.weight`, `doit valoir 0 : les réponses de type ${question.type} ne sont pas notées`);
  const choices = question.choices;
  if (question.type === 'single-choice' || question.type === 'multiple-choice') {
    if (!Array.isArray(choices) || choices.length < 2)
      return error(`${at}.choices`, 'une question à choix propose au moins deux choix');
    choiceErrors(choices, `${at}.choices`, error);
  } else if (question.type === 'yes-no') {
    if (choices === undefined) return;
    if (
      !Array.isArray(choices) ||
      choices.length !== 2 ||
      !['yes', 'no'].every((value) => choices.some((choice) => choice?.value === value))
    )
      return error(`${at}.choices`, 'une question oui-non ne peut redéfinir que les choix « yes » et « no »');
    choiceErrors(choices, `${at}.choices`, error);
  } else if (choices !== undefined) {
    error(`${at}.choices`, `une question de type ${question.type} ne propose pas de choix`);
  }
}

function choiceErrors(
  choices: Partial<QuestionChoice>[],
  at: string,
  error: (field: string, message: string) => void,
): void {
  if (choices.length > MAX_CHOICES) error(at, `au plus ${MAX_CHOICES} choix`);
  const values = new Set<string>();
  choices.forEach((choice, c) => {
    if (typeof choice !== 'object' || choice === null) return error(`${at}[${c}]`, 'doit être un objet');
    if (typeof choice.value !== 'string' || !KEY.test(choice.value))
      error(`${at}[${c}].value`, 'doit être fait de minuscules, de chiffres et de tirets (60 au plus)');
    else if (values.has(choice.value)) error(`${at}[${c}].value`, `choix « ${choice.value} » en double`);
    else values.add(choice.value);
    if (!nonEmptyText(choice.label, 300))
      error(`${at}[${c}].label`, 'doit être un texte de 1 à 300 caractères');
    if (!Number.isInteger(choice.score) || choice.score! < 0 || choice.score! > 100)
      error(`${at}[${c}].score`, 'doit être un entier de 0 à 100');
  });
}

function nonEmptyText(value: unknown, max: number): boolean {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= max;
}

/** The choices a question offers (yes-no questions without their own get Oui 100 / Non 0). */
export function choicesOf(question: QuestionDefinition): QuestionChoice[] {
  if (question.type === 'yes-no') return question.choices ?? YES_NO_DEFAULT;
  return question.choices ?? [];
}

/** Every question of a template, in order, with its section. */
export function questionsOf(sections: SectionDefinition[]): (QuestionDefinition & { section: string })[] {
  return sections.flatMap((section) =>
    section.questions.map((question) => ({ ...question, section: section.key })),
  );
}
