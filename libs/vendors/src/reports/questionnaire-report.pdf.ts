import { formatDateFr, formatNumberFr, PdfReport } from '@vigie/documents';
import type { AnswerValue } from '../questionnaires/answer-rules';
import type { QuestionnaireDetail, QuestionView } from '../questionnaires/questionnaire-views';
import { QUESTIONNAIRE_STATUS_FR } from './vendor-labels';

/**
 * Who a questionnaire report is for: `internal`, the operator's document (score, internal comments, marked
 * « Document interne »); `vendor`, the version the vendor may receive (its answers, its comments and those the
 * operator addressed to it; no score, no weight, no internal comment, whoever downloads it).
 */
export type ReportAudience = 'internal' | 'vendor';

export const INTERNAL_MARK = 'Document interne';
export const VENDOR_MARK = 'Version destinée à l’éditeur';

/** The questionnaire report: status, every answer with its comments; the score and internal comments inside only. */
export async function renderQuestionnaireReport(
  questionnaire: QuestionnaireDetail,
  operatorName: string,
  generatedAt: Date,
  audience: ReportAudience = 'internal',
): Promise<Buffer> {
  const internal = audience === 'internal';
  const title = internal
    ? `Questionnaire sécurité — ${questionnaire.vendorName} — ${INTERNAL_MARK}`
    : `Questionnaire sécurité — ${questionnaire.vendorName}`;
  return PdfReport.render({ title, organisationName: operatorName, generatedAt }, (report) => {
    report.title(
      `Questionnaire sécurité — ${questionnaire.vendorName}`,
      `${questionnaire.templateName} — ${internal ? INTERNAL_MARK : VENDOR_MARK}`,
    );
    if (internal) {
      report.paragraph(
        `${INTERNAL_MARK} : réservé à l’opérateur. Il contient le score et les commentaires internes ; ne pas le ` +
          'communiquer à l’éditeur, qui reçoit sa propre version, sans score ni commentaire interne.',
      );
    } else {
      report.paragraph(
        `${VENDOR_MARK} : vos réponses, vos commentaires et les remarques que ${operatorName} vous a adressées.`,
        { muted: true },
      );
    }
    const score = questionnaire.score;
    report.fields([
      ['Éditeur', questionnaire.vendorName],
      ['Statut', QUESTIONNAIRE_STATUS_FR[questionnaire.status]],
      ['Envoyé le', formatDateFr(questionnaire.sentAt)],
      ['Réponse attendue le', formatDateFr(questionnaire.dueDate)],
      ['Soumis le', questionnaire.submittedAt ? formatDateFr(questionnaire.submittedAt) : null],
      ['Revu le', questionnaire.reviewedAt ? formatDateFr(questionnaire.reviewedAt) : null],
      ...(internal
        ? ([
            [
              'Score',
              score === null || score === undefined ? 'Non calculé' : `${formatNumberFr(score)} / 100`,
            ],
          ] as [string, string][])
        : []),
      [
        'Questions répondues',
        `${questionnaire.progress.answered} sur ${questionnaire.progress.questions} (obligatoires : ${questionnaire.progress.requiredAnswered} sur ${questionnaire.progress.required})`,
      ],
    ]);
    if (questionnaire.reviewComment) {
      report.heading('Avis du relecteur', 2).paragraph(questionnaire.reviewComment);
    }
    if (internal) {
      report.paragraph(
        'Le score est la moyenne pondérée des points obtenus aux questions notées (oui/non et choix) : chaque ' +
          'réponse rapporte de 0 à 100 % du poids de sa question ; une question sans réponse ne rapporte rien.',
        { muted: true },
      );
    }
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
          remarks(question, internal),
        ]),
      );
    }
    report.paragraph(
      internal
        ? '* question obligatoire. [Interne] : commentaire de l’opérateur non communiqué à l’éditeur.'
        : '* question obligatoire.',
      { muted: true },
    );
  });
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

/** The comments of a question; the vendor version never shows an internal one, whoever downloads it. */
function remarks(question: QuestionView, internal: boolean): string {
  const lines: string[] = [];
  if (question.answer?.comment) lines.push(`Éditeur : ${question.answer.comment}`);
  for (const comment of question.comments) {
    if (comment.internal && !internal) continue;
    lines.push(`${comment.internal ? '[Interne] ' : 'Opérateur : '}${comment.body}`);
  }
  return lines.join('\n');
}
