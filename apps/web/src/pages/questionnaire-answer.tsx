import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api/client';
import {
  ANSWERABLE,
  attachFile,
  questionnaire as readQuestionnaire,
  QUESTIONNAIRE_STATUS_LABELS,
  saveAnswers,
  submitQuestionnaire,
  type AnswerValue,
  type Attachment,
  type Question,
  type QuestionnaireDetail,
} from '../api/vendors';
import { dueText } from '../deadlines';
import { formatDate, formatDateTime, formatTime } from '../format';
import { ErrorNotice, Page } from '../ui/page';
import './vendors.css';

/** What the contact has typed for one question (strings as the controls hold them). */
interface Draft {
  value: string | string[];
  comment: string;
}

type SaveState =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'error'; text: string };

const AUTOSAVE_DELAY = 800;

function draftOf(question: Question): Draft {
  const value = question.answer?.value;
  return {
    value:
      value === undefined || value === null
        ? question.type === 'multiple-choice'
          ? []
          : ''
        : Array.isArray(value)
          ? value
          : String(value),
    comment: question.answer?.comment ?? '',
  };
}

function isEmpty(draft: Draft | undefined): boolean {
  if (!draft) return true;
  return Array.isArray(draft.value) ? draft.value.length === 0 : draft.value.trim() === '';
}

/** The value the API takes for a draft (null clears the answer), or an error to show at the question. */
function valueOf(question: Question, draft: Draft): { value: AnswerValue | null } | { error: string } {
  if (isEmpty(draft)) return { value: null };
  if (question.type === 'number') {
    const number = Number(String(draft.value).replace(',', '.').replace(/\s/g, ''));
    return Number.isFinite(number) ? { value: number } : { error: 'Saisissez un nombre.' };
  }
  return { value: Array.isArray(draft.value) ? draft.value : String(draft.value).trim() };
}

/**
 * The vendor contact's questionnaire: every answer saved as it is given (after a short pause), with the version
 * last read; when someone else saved in between (409) the page reloads the questionnaire and applies the
 * answers not yet saved on top of it, so that nothing typed is lost. Required questions still empty are listed
 * before « Soumettre ». No weight, score or points: the API gives none to a vendor contact.
 */
export function QuestionnaireAnswerScreen({ initial }: { initial: QuestionnaireDetail }) {
  const queryClient = useQueryClient();
  const id = initial.id;
  const [data, setData] = useState(initial);
  const questions = useMemo(() => data.sections.flatMap((s) => s.questions), [data]);
  const numbers = useMemo(() => new Map(questions.map((q, i) => [q.key, i + 1])), [questions]);
  const [drafts, setDrafts] = useState<Record<string, Draft>>(() =>
    Object.fromEntries(initial.sections.flatMap((s) => s.questions).map((q) => [q.key, draftOf(q)])),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [submitError, setSubmitError] = useState<{ text: string; keys: string[] }>();
  const [submitted, setSubmitted] = useState<string>();
  const [conflict, setConflict] = useState<string>();

  // The latest state for the save loop (callbacks outlive renders).
  const draftsRef = useRef(drafts);
  draftsRef.current = drafts;
  const versionRef = useRef(initial.version);
  /** Per question: how many changes were typed, and how many of them the server holds. */
  const typed = useRef(new Map<string, number>());
  const stored = useRef(new Map<string, number>());
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const running = useRef<Promise<boolean> | null>(null);
  const again = useRef(false);

  const editable = ANSWERABLE.includes(data.status);
  const pendingKeys = () =>
    [...typed.current.entries()].filter(([k, n]) => (stored.current.get(k) ?? 0) < n).map(([k]) => k);

  const adopt = useCallback(
    (fresh: QuestionnaireDetail) => {
      versionRef.current = fresh.version;
      setData(fresh);
      queryClient.setQueryData(['questionnaire', id], fresh);
    },
    [id, queryClient],
  );

  /** Sends every answer changed since the last save; true when the server holds them all. */
  const flush = useCallback(async (): Promise<boolean> => {
    if (running.current) {
      again.current = true;
      return running.current;
    }
    const run = async (): Promise<boolean> => {
      for (;;) {
        again.current = false;
        const keys = pendingKeys();
        if (keys.length === 0) return true;
        const byKey = new Map(questions.map((q) => [q.key, q]));
        const found: Record<string, string> = {};
        const answers: { questionKey: string; value: AnswerValue | null; comment: string | null }[] = [];
        const sentAt = new Map<string, number>();
        for (const key of keys) {
          const question = byKey.get(key)!;
          const draft = draftsRef.current[key] ?? draftOf(question);
          const checked = valueOf(question, draft);
          if ('error' in checked) {
            found[key] = checked.error;
            continue;
          }
          answers.push({
            questionKey: key,
            value: checked.value,
            comment: checked.value === null ? null : draft.comment.trim() || null,
          });
          sentAt.set(key, typed.current.get(key) ?? 0);
        }
        setErrors((previous) => {
          const next = { ...previous };
          for (const key of keys) delete next[key];
          return { ...next, ...found };
        });
        if (answers.length === 0) return Object.keys(found).length === 0;
        setSave({ kind: 'saving' });
        try {
          let fresh: QuestionnaireDetail;
          try {
            fresh = await saveAnswers(id, answers, versionRef.current);
          } catch (error) {
            if (!(error instanceof ApiError && error.status === 409 && /entre-temps/.test(error.message)))
              throw error;
            // Saved elsewhere in between: read the questionnaire again, take the other answers from it, then
            // apply the answers typed here on top of it.
            const reloaded = await readQuestionnaire(id);
            versionRef.current = reloaded.version;
            const mine = new Set(pendingKeys());
            const theirs: number[] = [];
            const merged = { ...draftsRef.current };
            reloaded.sections.forEach((s) =>
              s.questions.forEach((q) => {
                if (mine.has(q.key)) return;
                const next = draftOf(q);
                if (JSON.stringify(next) !== JSON.stringify(merged[q.key])) {
                  merged[q.key] = next;
                  theirs.push(numbers.get(q.key) ?? 0);
                }
              }),
            );
            draftsRef.current = merged;
            setDrafts(merged);
            setConflict(
              theirs.length > 0
                ? `Un autre contact a répondu entre-temps ; ses réponses sont reprises (question${theirs.length > 1 ? 's' : ''} ${theirs.join(', ')}), les vôtres sont conservées.`
                : undefined,
            );
            fresh = await saveAnswers(id, answers, versionRef.current);
          }
          for (const [key, count] of sentAt) stored.current.set(key, count);
          adopt(fresh);
          setSave({ kind: 'saved', at: new Date() });
        } catch (error) {
          if (error instanceof ApiError && error.status === 400) {
            const refused: Record<string, string> = {};
            for (const e of error.problem.errors ?? []) {
              const index = /^answers\[(\d+)\]/.exec(e.field)?.[1];
              const key = index === undefined ? undefined : answers[Number(index)]?.questionKey;
              if (key) refused[key] = `Réponse refusée : ${e.message}.`;
            }
            setErrors((previous) => ({ ...previous, ...refused }));
            setSave({
              kind: 'error',
              text: 'Certaines réponses sont refusées : voyez les questions signalées.',
            });
          } else {
            setSave({
              kind: 'error',
              text:
                error instanceof ApiError && error.status === 409
                  ? `Vos réponses ne peuvent plus être enregistrées : ${error.problem.detail ?? 'le questionnaire a changé.'}`
                  : "L'enregistrement a échoué : vos réponses restent sur cette page, réessayez avec « Enregistrer ».",
            });
          }
          return false;
        }
        if (!again.current && pendingKeys().length === 0) return true;
      }
    };
    running.current = run().finally(() => {
      running.current = null;
    });
    return running.current;
  }, [adopt, id, questions, numbers]);

  /**
   * Uploads a file at the version read last; when an answer was saved in between (409 stale), reads the
   * questionnaire again and sends the file once more at the version read now.
   */
  const upload = useCallback(
    async (questionKey: string, file: File): Promise<Attachment> => {
      try {
        return await attachFile(id, questionKey, file, versionRef.current);
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 409 && /entre-temps/.test(error.message)))
          throw error;
        adopt(await readQuestionnaire(id));
        return attachFile(id, questionKey, file, versionRef.current);
      }
    },
    [adopt, id],
  );

  function change(key: string, next: Partial<Draft>, delay = AUTOSAVE_DELAY) {
    const previous = draftsRef.current[key] ?? { value: '', comment: '' };
    const updated: Record<string, Draft> = { ...draftsRef.current, [key]: { ...previous, ...next } as Draft };
    draftsRef.current = updated;
    setDrafts(updated);
    typed.current.set(key, (typed.current.get(key) ?? 0) + 1);
    setSave({ kind: 'idle' });
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), delay);
  }

  // Nothing typed is lost by leaving: the browser asks first while answers wait to be saved.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (pendingKeys().length > 0) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      clearTimeout(timer.current);
    };
  }, []);

  const missing = questions.filter((q) => q.required && isEmpty(drafts[q.key]));

  async function saveNow() {
    clearTimeout(timer.current);
    const ok = await flush();
    if (ok && pendingKeys().length === 0) setSave({ kind: 'saved', at: new Date() });
  }

  async function submit() {
    setSubmitError(undefined);
    clearTimeout(timer.current);
    if (!(await flush())) return;
    if (missing.length > 0) {
      setSubmitError({
        text: `Le questionnaire ne peut pas être soumis : ${missing.length === 1 ? 'une question obligatoire est' : `${missing.length} questions obligatoires sont`} sans réponse.`,
        keys: missing.map((q) => q.key),
      });
      document.getElementById('questions-manquantes')?.focus();
      return;
    }
    try {
      const fresh = await submitQuestionnaire(id, versionRef.current);
      adopt(fresh);
      queryClient.invalidateQueries({ queryKey: ['questionnaires'] });
      setSubmitted('Le questionnaire est soumis : le relecteur de l’opérateur va l’examiner.');
    } catch (error) {
      setSubmitError({
        text:
          error instanceof ApiError && (error.status === 400 || error.status === 409)
            ? `Le questionnaire ne peut pas être soumis : ${error.problem.detail ?? 'réessayez.'}`
            : 'La soumission a échoué. Réessayez dans un instant.',
        keys: (error instanceof ApiError ? (error.problem.errors ?? []) : [])
          .map((e) => e.field.replace(/^answers\./, ''))
          .filter((key) => numbers.has(key)),
      });
    }
  }

  return (
    <Page title={data.templateName}>
      <p>
        <Link to="/questionnaires">Tous les questionnaires</Link>
      </p>
      <dl className="facts">
        <div>
          <dt>Statut</dt>
          <dd>{QUESTIONNAIRE_STATUS_LABELS[data.status]}</dd>
        </div>
        <div>
          <dt>Réponse attendue le</dt>
          <dd>
            {formatDate(data.dueDate)}
            {editable ? ` (${dueText(data.dueDate)})` : ''}
          </dd>
        </div>
        <div>
          <dt>Questions répondues</dt>
          <dd>
            {data.progress.answered} sur {data.progress.questions}
          </dd>
        </div>
        {data.submittedAt ? (
          <div>
            <dt>Soumis le</dt>
            <dd>{formatDateTime(data.submittedAt)}</dd>
          </div>
        ) : null}
      </dl>
      {conflict ? (
        <div className="notice" role="status">
          {conflict}
        </div>
      ) : null}
      {submitted ? (
        <div className="notice notice-success" role="status">
          {submitted}
        </div>
      ) : null}
      {data.status === 'changes-requested' && data.reviewComment ? (
        <section className="notice" aria-labelledby="requested-changes">
          <h2 id="requested-changes">Compléments demandés par le relecteur</h2>
          <p>{data.reviewComment}</p>
          <p className="hint">Les remarques sur chaque question figurent à côté de votre réponse.</p>
        </section>
      ) : null}
      {data.status === 'submitted' ? (
        <p className="notice">
          Vos réponses sont en cours de revue : elles ne peuvent pas changer pour l’instant.
        </p>
      ) : null}
      {data.status === 'accepted' ? (
        <p className="notice notice-success">Vos réponses ont été acceptées.</p>
      ) : null}
      {editable ? (
        <p className="hint">
          Vos réponses sont enregistrées au fur et à mesure. Les questions marquées « (obligatoire) » doivent
          avoir une réponse avant de soumettre le questionnaire.
        </p>
      ) : null}

      {data.sections.map((section) => (
        <section key={section.key} aria-labelledby={`section-${section.key}`}>
          <h2 id={`section-${section.key}`}>{section.title}</h2>
          {section.questions.map((question) => (
            <QuestionBlock
              key={question.key}
              questionnaireId={id}
              question={question}
              number={numbers.get(question.key) ?? 0}
              draft={drafts[question.key] ?? draftOf(question)}
              error={errors[question.key]}
              missing={!!submitError?.keys.includes(question.key) && isEmpty(drafts[question.key])}
              editable={editable}
              onChange={(next, delay) => change(question.key, next, delay)}
              upload={upload}
              onAttached={() => void readQuestionnaire(id).then(adopt)}
            />
          ))}
        </section>
      ))}

      {editable ? (
        <section aria-labelledby="before-submit">
          <h2 id="before-submit">Avant de soumettre</h2>
          <div id="questions-manquantes" tabIndex={-1}>
            {submitError ? <ErrorNotice>{submitError.text}</ErrorNotice> : null}
            {missing.length > 0 ? (
              <>
                <p>
                  {missing.length === 1
                    ? 'Une question obligatoire est encore sans réponse :'
                    : `${missing.length} questions obligatoires sont encore sans réponse :`}
                </p>
                <ul aria-label="Questions obligatoires sans réponse">
                  {missing.map((q) => (
                    <li key={q.key}>
                      <a href={`#question-${q.key}`}>
                        Question {numbers.get(q.key)} : {q.text}
                      </a>
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p>Toutes les questions obligatoires ont une réponse.</p>
            )}
          </div>
          <div className="sticky-actions">
            <button type="button" className="button button-secondary" onClick={() => void saveNow()}>
              Enregistrer
            </button>
            <button type="button" className="button" onClick={() => void submit()}>
              Soumettre
            </button>
            <SaveStatus state={save} />
          </div>
        </section>
      ) : null}
    </Page>
  );
}

function SaveStatus({ state }: { state: SaveState }) {
  return (
    <p role="status" className={state.kind === 'error' ? 'field-error' : 'muted'}>
      {state.kind === 'saving'
        ? 'Enregistrement…'
        : state.kind === 'saved'
          ? `Réponses enregistrées à ${formatTime(state.at)}`
          : state.kind === 'error'
            ? state.text
            : ''}
    </p>
  );
}

function QuestionBlock({
  questionnaireId,
  question,
  number,
  draft,
  error,
  missing,
  editable,
  onChange,
  upload,
  onAttached,
}: {
  questionnaireId: string;
  question: Question;
  number: number;
  draft: Draft;
  error?: string;
  missing: boolean;
  editable: boolean;
  onChange(next: Partial<Draft>, delay?: number): void;
  upload(questionKey: string, file: File): Promise<Attachment>;
  onAttached(): void;
}) {
  const base = `question-${question.key}`;
  const label = (
    <>
      {number}. {question.text}
      {question.required ? <span className="required"> (obligatoire)</span> : null}
    </>
  );
  const describedBy =
    [question.help ? `${base}-help` : null, error ? `${base}-error` : null].filter(Boolean).join(' ') ||
    undefined;
  const shared = question.comments.filter((c) => !c.internal);

  let control;
  if (!editable) {
    control = (
      <>
        <p className="question-text">{label}</p>
        <p>{answerText(question, draft)}</p>
        {draft.comment ? <p className="muted">Précisions : {draft.comment}</p> : null}
      </>
    );
  } else if (question.type === 'yes-no' || question.type === 'single-choice') {
    control = (
      <fieldset
        id={base}
        role="radiogroup"
        aria-describedby={describedBy}
        aria-required={question.required || undefined}
      >
        <legend>{label}</legend>
        <div className="choices">
          {question.choices.map((choice) => (
            <div className="checkbox" key={choice.value}>
              <input
                type="radio"
                id={`${base}-${choice.value}`}
                name={base}
                value={choice.value}
                checked={draft.value === choice.value}
                onChange={() => onChange({ value: choice.value }, 300)}
              />
              <label htmlFor={`${base}-${choice.value}`}>{choice.label}</label>
            </div>
          ))}
        </div>
      </fieldset>
    );
  } else if (question.type === 'multiple-choice') {
    const chosen = Array.isArray(draft.value) ? draft.value : [];
    control = (
      <fieldset id={base} aria-describedby={describedBy}>
        <legend>{label}</legend>
        <div className="choices">
          {question.choices.map((choice) => (
            <div className="checkbox" key={choice.value}>
              <input
                type="checkbox"
                id={`${base}-${choice.value}`}
                checked={chosen.includes(choice.value)}
                onChange={(event) =>
                  onChange(
                    {
                      value: event.target.checked
                        ? [...chosen, choice.value]
                        : chosen.filter((v) => v !== choice.value),
                    },
                    300,
                  )
                }
              />
              <label htmlFor={`${base}-${choice.value}`}>{choice.label}</label>
            </div>
          ))}
        </div>
      </fieldset>
    );
  } else {
    const common = {
      id: base,
      'aria-describedby': describedBy,
      'aria-required': question.required || undefined,
      'aria-invalid': error ? true : undefined,
      value: String(draft.value),
    } as const;
    control = (
      <div className="field">
        <label htmlFor={base} className="question-text">
          {label}
        </label>
        {question.type === 'text' ? (
          <textarea {...common} rows={3} onChange={(e) => onChange({ value: e.target.value })} />
        ) : (
          <input
            {...common}
            type={question.type === 'date' ? 'date' : 'text'}
            inputMode={question.type === 'number' ? 'decimal' : undefined}
            onChange={(e) => onChange({ value: e.target.value })}
          />
        )}
      </div>
    );
  }

  return (
    <div className={`question${missing ? ' question-missing' : ''}`} id={editable ? undefined : base}>
      <div className="question-answer">
        {question.help ? (
          <p className="hint" id={`${base}-help`}>
            {question.help}
          </p>
        ) : null}
        {error ? (
          <p className="field-error" id={`${base}-error`}>
            {error}
          </p>
        ) : null}
        {control}
        {editable ? (
          <div className="field">
            <label htmlFor={`${base}-comment`}>Précisions sur la question {number} (facultatif)</label>
            <textarea
              id={`${base}-comment`}
              rows={2}
              value={draft.comment}
              onChange={(e) => onChange({ comment: e.target.value })}
            />
          </div>
        ) : null}
        <Attachments
          questionnaireId={questionnaireId}
          question={question}
          number={number}
          editable={editable}
          upload={upload}
          onAttached={onAttached}
        />
      </div>
      <aside className="question-remarks" aria-label={`Remarques du relecteur sur la question ${number}`}>
        {shared.length > 0 ? (
          <>
            <p className="question-text">Remarques du relecteur</p>
            {shared.map((c) => (
              <p className="remark" key={c.id}>
                {c.body} <span className="muted">({formatDate(c.createdAt)})</span>
              </p>
            ))}
          </>
        ) : (
          <p className="muted">Aucune remarque du relecteur.</p>
        )}
      </aside>
    </div>
  );
}

function answerText(question: Question, draft: Draft): string {
  if (isEmpty(draft)) return 'Sans réponse';
  const labelOf = (value: string) => question.choices.find((c) => c.value === value)?.label ?? value;
  if (Array.isArray(draft.value)) return draft.value.map(labelOf).join(', ');
  if (question.type === 'yes-no' || question.type === 'single-choice') return labelOf(draft.value);
  if (question.type === 'date') return formatDate(draft.value);
  return draft.value;
}

function Attachments({
  questionnaireId,
  question,
  number,
  editable,
  upload,
  onAttached,
}: {
  questionnaireId: string;
  question: Question;
  number: number;
  editable: boolean;
  upload(questionKey: string, file: File): Promise<Attachment>;
  onAttached(): void;
}) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string }>();
  const [added, setAdded] = useState<Attachment[]>([]);
  const files = [
    ...question.attachments,
    ...added.filter((a) => !question.attachments.some((b) => b.id === a.id)),
  ];
  const inputId = `question-${question.key}-file`;

  async function send(file: File | undefined) {
    if (!file) return;
    setBusy(true);
    setMessage(undefined);
    try {
      const attachment = await upload(question.key, file);
      setAdded((list) => [...list, attachment]);
      setMessage({ kind: 'success', text: `« ${attachment.fileName} » est joint à la question ${number}.` });
      onAttached();
    } catch (error) {
      setMessage({
        kind: 'error',
        text:
          error instanceof ApiError && [400, 409, 413, 415].includes(error.status)
            ? `Le fichier est refusé : ${error.problem.detail ?? 'format non pris en charge.'}`
            : "L'envoi du fichier a échoué. Réessayez dans un instant.",
      });
    } finally {
      setBusy(false);
    }
  }

  if (!editable && files.length === 0) return null;
  return (
    <div className="attachments">
      {files.length > 0 ? (
        <ul aria-label={`Pièces jointes de la question ${number}`}>
          {files.map((f) => (
            <li key={f.id}>
              <a href={`/api/v1/questionnaires/${questionnaireId}/attachments/${f.id}/content`} download>
                {f.fileName}
              </a>{' '}
              <span className="muted">({Math.max(1, Math.round(f.size / 1024))} Ko)</span>
            </li>
          ))}
        </ul>
      ) : null}
      {editable ? (
        <div className="field">
          <label htmlFor={inputId}>
            Joindre un fichier à la question {number}
            {question.evidenceRequested ? ' (justificatif demandé)' : ' (facultatif)'}
          </label>
          <input
            id={inputId}
            type="file"
            disabled={busy}
            onChange={(event) => {
              void send(event.target.files?.[0]);
              event.target.value = '';
            }}
          />
        </div>
      ) : null}
      {message ? (
        <p
          className={message.kind === 'error' ? 'field-error' : 'muted'}
          role={message.kind === 'error' ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
