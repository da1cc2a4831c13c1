import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api/client';
import {
  commentQuestion,
  QUESTIONNAIRE_STATUS_LABELS,
  reviewQuestionnaire,
  type Question,
  type QuestionnaireDetail,
} from '../api/vendors';
import { dueText } from '../deadlines';
import { formatDate, formatDateTime } from '../format';
import { useSession } from '../session';
import { TextArea } from '../ui/fields';
import { ErrorNotice, Page } from '../ui/page';
import './vendors.css';

const number = (value: number) => value.toLocaleString('fr-FR', { maximumFractionDigits: 1 });

function answerText(question: Question): string {
  const value = question.answer?.value;
  if (value === undefined || value === null) return 'Sans réponse';
  const labelOf = (v: string) => question.choices.find((c) => c.value === v)?.label ?? v;
  if (Array.isArray(value)) return value.map(labelOf).join(', ');
  if (question.type === 'yes-no' || question.type === 'single-choice') return labelOf(String(value));
  if (question.type === 'date') return formatDate(String(value));
  if (question.type === 'number') return number(Number(value));
  return String(value);
}

/** Points the answer earns (the operator's view only). */
function pointsText(question: Question): string | null {
  if (!question.weight) return null;
  const value = question.answer?.value;
  const chosen = value === undefined || value === null ? [] : Array.isArray(value) ? value : [String(value)];
  const points = Math.min(
    100,
    chosen.reduce((sum, v) => sum + (question.choices.find((c) => c.value === v)?.score ?? 0), 0),
  );
  return `Poids ${question.weight} — ${points} points sur 100`;
}

/**
 * The RSSI's review of a questionnaire: every answer with its attachments and comments (for the vendor or
 * internal), the score, and the decision (accept, or request changes with what to change).
 */
export function QuestionnaireReviewScreen({ data }: { data: QuestionnaireDetail }) {
  const queryClient = useQueryClient();
  const { current } = useSession();
  const canReview = current?.kind === 'operator' && current.roles.includes('security-officer');
  const [decision, setDecision] = useState<'accepted' | 'changes-requested' | ''>('');
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ kind: 'error' | 'success'; text: string }>();
  const questions = data.sections.flatMap((s) => s.questions);
  const numbers = new Map(questions.map((q, i) => [q.key, i + 1]));

  const review = useMutation({
    mutationFn: () =>
      reviewQuestionnaire(data.id, {
        decision: decision as 'accepted' | 'changes-requested',
        ...(comment.trim() ? { comment: comment.trim() } : {}),
        version: data.version,
      }),
    onSuccess: (fresh) => {
      queryClient.setQueryData(['questionnaire', data.id], fresh);
      queryClient.invalidateQueries({ queryKey: ['questionnaires'] });
      setNotice({
        kind: 'success',
        text:
          fresh.status === 'accepted'
            ? 'Le questionnaire est accepté.'
            : 'Les compléments sont demandés au fournisseur.',
      });
    },
    onError: (error) =>
      setNotice({
        kind: 'error',
        text:
          error instanceof ApiError && (error.status === 400 || error.status === 409)
            ? `La décision est refusée : ${error.problem.detail ?? 'réessayez.'}`
            : "La décision n'a pas pu être enregistrée. Réessayez dans un instant.",
      }),
  });

  function decide(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!decision) found.decision = 'Choisissez une décision.';
    if (decision === 'changes-requested' && comment.trim() === '')
      found.comment = 'Indiquez au fournisseur ce qu’il doit modifier ou compléter.';
    setErrors(found);
    if (Object.keys(found).length === 0) review.mutate();
  }

  return (
    <Page title={`${data.templateName} — ${data.vendorName}`}>
      <p>
        <Link to="/fournisseurs">Fournisseurs</Link>
      </p>
      {notice ? (
        <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </div>
      ) : null}
      <dl className="facts">
        <div>
          <dt>Statut</dt>
          <dd>{QUESTIONNAIRE_STATUS_LABELS[data.status]}</dd>
        </div>
        <div>
          <dt>Réponse attendue le</dt>
          <dd>
            {formatDate(data.dueDate)}
            {['sent', 'in-progress', 'changes-requested'].includes(data.status)
              ? ` (${dueText(data.dueDate)})`
              : ''}
          </dd>
        </div>
        <div>
          <dt>Envoyé le</dt>
          <dd>{formatDate(data.sentAt)}</dd>
        </div>
        {data.submittedAt ? (
          <div>
            <dt>Soumis le</dt>
            <dd>{formatDateTime(data.submittedAt)}</dd>
          </div>
        ) : null}
        <div>
          <dt>Note</dt>
          <dd>{data.score === null || data.score === undefined ? '—' : `${number(data.score)} / 100`}</dd>
        </div>
        <div>
          <dt>Questions répondues</dt>
          <dd>
            {data.progress.answered} sur {data.progress.questions} (obligatoires :{' '}
            {data.progress.requiredAnswered} sur {data.progress.required})
          </dd>
        </div>
      </dl>
      <p>
        <a href={`/api/v1/questionnaires/${data.id}/report.pdf`} download>
          Télécharger le rapport (PDF)
        </a>{' '}
        <span className="muted">(document interne, avec la note)</span>
        {' · '}
        <a href={`/api/v1/questionnaires/${data.id}/vendor-report.pdf`} download>
          Rapport pour le fournisseur (PDF)
        </a>
      </p>
      {data.reviewComment ? (
        <section className="notice" aria-labelledby="last-decision">
          <h2 id="last-decision">
            {data.status === 'accepted' ? 'Commentaire de la décision' : 'Compléments demandés'}
          </h2>
          <p>{data.reviewComment}</p>
        </section>
      ) : null}

      {canReview && data.status === 'submitted' ? (
        <form className="form" onSubmit={decide} noValidate aria-labelledby="decision-title">
          <h2 id="decision-title">Décision</h2>
          <fieldset
            aria-describedby={errors.decision ? 'decision-error' : undefined}
            aria-invalid={errors.decision ? true : undefined}
          >
            <legend>
              Décision sur les réponses<span className="required"> (obligatoire)</span>
            </legend>
            {errors.decision ? (
              <p className="field-error" id="decision-error">
                {errors.decision}
              </p>
            ) : null}
            <div className="checkbox">
              <input
                type="radio"
                name="decision"
                id="decision-accepted"
                checked={decision === 'accepted'}
                onChange={() => setDecision('accepted')}
              />
              <label htmlFor="decision-accepted">Accepter les réponses</label>
            </div>
            <div className="checkbox">
              <input
                type="radio"
                name="decision"
                id="decision-changes"
                checked={decision === 'changes-requested'}
                onChange={() => setDecision('changes-requested')}
              />
              <label htmlFor="decision-changes">Demander des compléments</label>
            </div>
          </fieldset>
          <TextArea
            id="decision-comment"
            label="Commentaire pour le fournisseur"
            hint="Obligatoire pour demander des compléments : dites ce qui doit être modifié ou joint."
            rows={3}
            value={comment}
            error={errors.comment}
            onChange={(e) => setComment(e.target.value)}
          />
          <div className="form-actions">
            <button type="submit" className="button" disabled={review.isPending}>
              Enregistrer la décision
            </button>
          </div>
        </form>
      ) : null}

      {data.sections.map((section) => (
        <section key={section.key} aria-labelledby={`section-${section.key}`}>
          <h2 id={`section-${section.key}`}>{section.title}</h2>
          {section.questions.map((question) => (
            <ReviewedQuestion
              key={question.key}
              questionnaireId={data.id}
              question={question}
              number={numbers.get(question.key) ?? 0}
              canComment={canReview}
            />
          ))}
        </section>
      ))}
    </Page>
  );
}

function ReviewedQuestion({
  questionnaireId,
  question,
  number: n,
  canComment,
}: {
  questionnaireId: string;
  question: Question;
  number: number;
  canComment: boolean;
}) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(false);
  const [error, setError] = useState<string>();
  const points = pointsText(question);
  const add = useMutation({
    mutationFn: () =>
      commentQuestion(questionnaireId, { questionKey: question.key, body: body.trim(), internal }),
    onSuccess: () => {
      setBody('');
      setInternal(false);
      setOpen(false);
      queryClient.invalidateQueries({ queryKey: ['questionnaire', questionnaireId] });
    },
    onError: (e) =>
      setError(
        e instanceof ApiError && e.status === 400
          ? `Commentaire refusé : ${e.problem.detail ?? ''}`
          : "Le commentaire n'a pas pu être enregistré.",
      ),
  });
  const empty = !question.answer;
  return (
    <div className={`question${empty && question.required ? ' question-missing' : ''}`}>
      <div className="question-answer">
        <h3 className="question-text">
          {n}. {question.text}
        </h3>
        <p>
          <strong>Réponse : </strong>
          {answerText(question)}
          {points ? <span className="muted"> ({points})</span> : null}
        </p>
        {question.answer?.comment ? <p>Précisions : {question.answer.comment}</p> : null}
        {question.attachments.length > 0 ? (
          <ul aria-label={`Pièces jointes de la question ${n}`}>
            {question.attachments.map((f) => (
              <li key={f.id}>
                <a href={`/api/v1/questionnaires/${questionnaireId}/attachments/${f.id}/content`} download>
                  {f.fileName}
                </a>{' '}
                <span className="muted">(SHA-256 {f.sha256.slice(0, 12)}…)</span>
              </li>
            ))}
          </ul>
        ) : question.evidenceRequested ? (
          <p className="late">Justificatif demandé, aucun fichier joint.</p>
        ) : null}
      </div>
      <aside className="question-remarks" aria-label={`Commentaires sur la question ${n}`}>
        {question.comments.length > 0 ? (
          question.comments.map((c) => (
            <p key={c.id} className={c.internal ? 'remark remark-internal' : 'remark'}>
              <strong>{c.internal ? 'Interne : ' : 'Pour le fournisseur : '}</strong>
              {c.body} <span className="muted">({formatDate(c.createdAt)})</span>
            </p>
          ))
        ) : (
          <p className="muted">Aucun commentaire.</p>
        )}
        {canComment && !open ? (
          <button type="button" className="button button-link" onClick={() => setOpen(true)}>
            Commenter la question {n}
          </button>
        ) : null}
        {canComment && open ? (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (!body.trim()) {
                setError('Écrivez le commentaire.');
                return;
              }
              setError(undefined);
              add.mutate();
            }}
            noValidate
          >
            <TextArea
              id={`comment-${question.key}`}
              label={`Commentaire sur la question ${n}`}
              required
              rows={3}
              autoFocus
              value={body}
              error={error}
              onChange={(e) => setBody(e.target.value)}
            />
            <div className="checkbox">
              <input
                type="checkbox"
                id={`comment-${question.key}-internal`}
                checked={internal}
                onChange={(e) => setInternal(e.target.checked)}
              />
              <label htmlFor={`comment-${question.key}-internal`}>
                Commentaire interne (jamais montré au fournisseur)
              </label>
            </div>
            <div className="form-actions">
              <button type="submit" className="button button-secondary" disabled={add.isPending}>
                Ajouter le commentaire
              </button>
              <button type="button" className="button button-link" onClick={() => setOpen(false)}>
                Annuler
              </button>
            </div>
          </form>
        ) : null}
      </aside>
    </div>
  );
}

export function QuestionnaireLoadError() {
  return <ErrorNotice>Le questionnaire n'a pas pu être chargé. Réessayez dans un instant.</ErrorNotice>;
}
