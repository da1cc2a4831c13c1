import { choicesOf, QuestionDefinition, SCORED_TYPES } from '../templates/template-definition';

/** A stored answer value: `yes`/`no`, a choice, several choices, a text, a number or a `YYYY-MM-DD` date. */
export type AnswerValue = string | number | string[];

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_TEXT = 5000;

/**
 * Checks a value against its question's type and returns it normalised (texts trimmed, choices de-duplicated
 * in the template's order), or the reason it is refused.
 */
export function checkAnswer(
  question: QuestionDefinition,
  value: unknown,
): { value: AnswerValue } | { error: string } {
  switch (question.type) {
    case 'yes-no':
      return value === 'yes' || value === 'no' ? { value } : { error: 'doit valoir « yes » ou « no »' };
    case 'single-choice': {
      const values = choicesOf(question).map((choice) => choice.value);
      return typeof value === 'string' && values.includes(value)
        ? { value }
        : { error: `doit valoir l'une des valeurs suivantes : ${values.join(', ')}` };
    }
    case 'multiple-choice': {
      const values = choicesOf(question).map((choice) => choice.value);
      if (!Array.isArray(value) || value.length === 0)
        return { error: 'doit être une liste de choix non vide' };
      const unknown = value.filter((item) => typeof item !== 'string' || !values.includes(item));
      if (unknown.length) return { error: `choix inconnus ; valeurs admises : ${values.join(', ')}` };
      return { value: values.filter((item) => value.includes(item)) };
    }
    case 'text':
      return typeof value === 'string' && value.trim().length > 0 && value.length <= MAX_TEXT
        ? { value: value.trim() }
        : { error: `doit être un texte de 1 à ${MAX_TEXT} caractères` };
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) < 1e12
        ? { value }
        : { error: 'doit être un nombre' };
    case 'date':
      return typeof value === 'string' && DATE_ONLY.test(value) && isRealDate(value)
        ? { value }
        : { error: 'doit être une date AAAA-MM-JJ' };
  }
}

function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * Points earned by one answer, from 0 to 100: the score of the chosen choice (yes-no, single choice), or the
 * sum of the chosen choices' scores capped at 100 (multiple choice). No answer earns 0.
 */
export function answerPoints(question: QuestionDefinition, value: AnswerValue | null | undefined): number {
  if (value === null || value === undefined) return 0;
  const choices = choicesOf(question);
  const scoreOf = (chosen: unknown) => choices.find((choice) => choice.value === chosen)?.score ?? 0;
  if (question.type === 'multiple-choice' && Array.isArray(value))
    return Math.min(
      100,
      value.reduce((sum, chosen) => sum + scoreOf(chosen), 0),
    );
  return scoreOf(value);
}

/**
 * The questionnaire's score, from 0 to 100 with one decimal:
 *
 *   score = 100 × Σ (weight(q) × points(q) / 100) / Σ weight(q)
 *
 * over the scored questions (yes-no and choice questions of weight > 0), where points(q) is
 * {@link answerPoints} (0 for an unanswered question: a gap counts against the vendor). Text, number and date
 * questions inform the reviewer and weigh nothing. `null` when no question is scored.
 */
export function questionnaireScore(
  questions: QuestionDefinition[],
  answers: ReadonlyMap<string, AnswerValue>,
): number | null {
  let weights = 0;
  let earned = 0;
  for (const question of questions) {
    if (!SCORED_TYPES.includes(question.type) || question.weight <= 0) continue;
    weights += question.weight;
    earned += (question.weight * answerPoints(question, answers.get(question.key))) / 100;
  }
  if (weights === 0) return null;
  return Math.round((1000 * earned) / weights) / 10;
}
