import { formatDateFr, formatNumberFr, PdfReport } from '@vigie/documents';
import type { AnswerValue } from '../questionnaires/answer-rules';
import type { QuestionnaireDetail, QuestionView } from '../questionnaires/questionnaire-views';
import { QUESTIONNAIRE_STATUS_FR } from './vendor-labels';

/** The questionnaire report: status, score, every answer with its comments (internal ones marked). */
export async function renderQuestionnaireReport(
  questionnaire: QuestionnaireDetail,
  operatorName: string,
  generatedAt: Date,
): Promise<Buffer> {
  const title = `Questionnaire sécurité — ${questionnaire.vendorName}`;
  const report = new PdfReport({ title, organisationName: operatorName, generatedAt });
  report.title(title, questionnaire.templateName);
  report.fields([
    ['Éditeur', questionnaire.vendorName],
    ['Statut', QUESTIONNAIRE_STATUS_FR[questionnaire.status]],
    ['Envoyé le', formatDateFr(questionnaire.sentAt)],
    ['Réponse attendue le', formatDateFr(questionnaire.dueDate)],
    ['Soumis le', questionnaire.submittedAt ? formatDateFr(questionnaire.submittedAt) : null],
    ['Revu le', questionnaire.reviewedAt ? formatDateFr(questionnaire.reviewedAt) : null],
    ['Score', questionnaire.score === null ? 'Non calculé' : `${formatNumberFr(questionnaire.score)} / 100`],
    [
      'Questions répondues',
      `${questionnaire.progress.answered} sur ${questionnaire.progress.questions} (obligatoires : ${questionnaire.progress.requiredAnswered} sur ${questionnaire.progress.required})`,
    ],
  ]);
  if (questionnaire.reviewComment) {
    report.heading('Avis du relecteur', 2).paragraph(questionnaire.reviewComment);
  }
  report.paragraph(
    'Le score est la moyenne pondérée des points obtenus aux questions notées (oui/non et choix) : chaque ' +
      'réponse rapporte de 0 à 100 % du poids de sa question ; une question sans réponse ne rapporte rien.',
    { muted: true },
  );
  for (const section of questionnaire.sections) {
    report.heading(section.title);
    report.table(
      [
        { header: 'Question', width: 5 },
        { header: 'Réponse', width: 3 },
        { header: 'Commentaires', width: 4 },
      ],
      section.questions.map((question) => [
        `${question.text}${question.required ? ' *' : ''}`,
        answerText(question),
        remarks(question),
      ]),
    );
  }
  report.paragraph(
    '* question obligatoire. [Interne] : commentaire de l’opérateur non communiqué à l’éditeur.',
    {
      muted: true,
    },
  );
  return report.finish();
}

function answerText(question: QuestionView): string {
  if (!question.answer) return 'Sans réponse';
  const label = (value: string) => question.choices.find((choice) => choice.value === value)?.label ?? value;
  const value: AnswerValue = question.answer.value;
  let text: string;
  if (Array.isArray(value)) text = value.map(label).join(', ');
  else if (question.type === 'date' && typeof value === 'string') text = formatDateFr(value);
  else if (typeof value === 'number') text = formatNumberFr(value);
  else text = question.choices.length ? label(value) : value;
  const files = question.attachments.map((file) => `Pièce jointe : ${file.fileName}`);
  return [text, ...files].join('\n');
}

function remarks(question: QuestionView): string {
  const lines: string[] = [];
  if (question.answer?.comment) lines.push(`Éditeur : ${question.answer.comment}`);
  for (const comment of question.comments)
    lines.push(`${comment.internal ? '[Interne] ' : 'Opérateur : '}${comment.body}`);
  return lines.join('\n');
}
