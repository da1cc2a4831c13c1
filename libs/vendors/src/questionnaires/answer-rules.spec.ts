import type { QuestionDefinition } from '../templates/template-definition';
import { answerPoints, checkAnswer, questionnaireScore } from './answer-rules';

const yesNo: QuestionDefinition = {
  key: 'a',
  text: 'A',
  type: 'yes-no',
  required: true,
  weight: 2,
  evidenceRequested: false,
};
const inverted: QuestionDefinition = {
  ...yesNo,
  key: 'inv',
  choices: [
    { value: 'yes', label: 'Oui', score: 0 },
    { value: 'no', label: 'Non', score: 100 },
  ],
};
const single: QuestionDefinition = {
  key: 'b',
  text: 'B',
  type: 'single-choice',
  required: true,
  weight: 3,
  evidenceRequested: false,
  choices: [
    { value: 'good', label: 'Bien', score: 100 },
    { value: 'fair', label: 'Moyen', score: 40 },
  ],
};
const multiple: QuestionDefinition = {
  key: 'c',
  text: 'C',
  type: 'multiple-choice',
  required: false,
  weight: 5,
  evidenceRequested: false,
  choices: [
    { value: 'x', label: 'X', score: 60 },
    { value: 'y', label: 'Y', score: 60 },
    { value: 'z', label: 'Z', score: 0 },
  ],
};
const text: QuestionDefinition = {
  key: 'd',
  text: 'D',
  type: 'text',
  required: true,
  weight: 0,
  evidenceRequested: false,
};

describe('questionnaire score', () => {
  it('is the weighted mean of the points earned, unanswered questions earning nothing', () => {
    const questions = [yesNo, single, multiple, text];
    expect(questionnaireScore(questions, new Map())).toBe(0);
    // (2×100 + 3×40 + 5×0) / 10 = 32
    expect(
      questionnaireScore(
        questions,
        new Map<string, string | string[]>([
          ['a', 'yes'],
          ['b', 'fair'],
          ['d', 'x'],
        ]),
      ),
    ).toBe(32);
    // multiple choice capped at 100: (2×0 + 3×100 + 5×100) / 10 = 80
    expect(
      questionnaireScore(
        questions,
        new Map<string, string | string[]>([
          ['a', 'no'],
          ['b', 'good'],
          ['c', ['x', 'y']],
        ]),
      ),
    ).toBe(80);
    // one decimal: 3×40 / 5 = 24 ; 2×100 + 5×60 over 10 = 50
    expect(
      questionnaireScore(
        [yesNo, single, multiple],
        new Map<string, string | string[]>([
          ['a', 'yes'],
          ['c', ['x']],
        ]),
      ),
    ).toBe(50);
    expect(
      questionnaireScore([single, multiple], new Map<string, string | string[]>([['c', ['x', 'z']]])),
    ).toBe(37.5);
  });

  it('is null when no question is scored, and honours inverted yes-no questions', () => {
    expect(questionnaireScore([text], new Map([['d', 'x']]))).toBeNull();
    expect(answerPoints(inverted, 'yes')).toBe(0);
    expect(answerPoints(inverted, 'no')).toBe(100);
    expect(answerPoints(yesNo, 'yes')).toBe(100);
    expect(answerPoints(multiple, ['x', 'y', 'z'])).toBe(100);
  });
});

describe('answer values', () => {
  it('accepts values of the question type and normalises them', () => {
    expect(checkAnswer(yesNo, 'yes')).toEqual({ value: 'yes' });
    expect(checkAnswer(multiple, ['y', 'x', 'y'])).toEqual({ value: ['x', 'y'] });
    expect(checkAnswer(text, '  texte  ')).toEqual({ value: 'texte' });
    expect(checkAnswer({ ...text, type: 'number' }, 12.5)).toEqual({ value: 12.5 });
    expect(checkAnswer({ ...text, type: 'date' }, '2024-02-29')).toEqual({ value: '2024-02-29' });
  });

  it('refuses values of another type', () => {
    for (const [question, value] of [
      [yesNo, true],
      [single, 'bad'],
      [multiple, []],
      [multiple, ['x', 'w']],
      [text, ''],
      [{ ...text, type: 'number' }, '12'],
      [{ ...text, type: 'number' }, Number.NaN],
      [{ ...text, type: 'date' }, '2023-02-29'],
    ] as [QuestionDefinition, unknown][]) {
      expect(checkAnswer(question, value)).toHaveProperty('error');
    }
  });
});
