import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useBlocker, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/client';
import {
  createTemplate,
  QUESTION_TYPE_LABELS,
  SCORED_TYPES,
  template as readTemplate,
  type Question,
  type TemplateDetail,
  type TemplateInput,
} from '../api/vendors';
import { ErrorSummary, SelectField, TextArea, TextField } from '../ui/fields';
import { ErrorNotice, Loading, Page } from '../ui/page';
import { ConfirmDialog } from './entry-form';
import { useVendorManager } from './vendors';
import './vendors.css';

type QuestionType = Question['type'];

interface ChoiceDraft {
  uid: string;
  value: string;
  label: string;
  score: string;
}
interface QuestionDraft {
  uid: string;
  key: string;
  text: string;
  help: string;
  type: QuestionType;
  required: boolean;
  evidenceRequested: boolean;
  weight: string;
  choices: ChoiceDraft[];
}
interface SectionDraft {
  uid: string;
  key: string;
  title: string;
  questions: QuestionDraft[];
}

let next = 0;
const uid = () => `d${++next}`;

const TYPES = (Object.keys(QUESTION_TYPE_LABELS) as QuestionType[]).map((key) => ({
  key,
  label: QUESTION_TYPE_LABELS[key],
}));
const YES_NO = (): ChoiceDraft[] => [
  { uid: uid(), value: 'yes', label: 'Oui', score: '100' },
  { uid: uid(), value: 'no', label: 'Non', score: '0' },
];
const isChoice = (type: QuestionType) => type === 'single-choice' || type === 'multiple-choice';

function newQuestion(): QuestionDraft {
  return {
    uid: uid(),
    key: '',
    text: '',
    help: '',
    type: 'yes-no',
    required: true,
    evidenceRequested: false,
    weight: '1',
    choices: YES_NO(),
  };
}
const newSection = (): SectionDraft => ({ uid: uid(), key: '', title: '', questions: [newQuestion()] });

/** The drafts of a template being copied: every key kept, so that the copy's answers compare with the original's. */
function draftsOf(source: TemplateDetail): SectionDraft[] {
  return source.sections.map((s) => ({
    uid: uid(),
    key: s.key,
    title: s.title,
    questions: s.questions.map((q) => ({
      uid: uid(),
      key: q.key,
      text: q.text,
      help: q.help ?? '',
      type: q.type,
      required: q.required,
      evidenceRequested: q.evidenceRequested,
      weight: String(q.weight ?? 0),
      choices:
        q.type === 'yes-no' && !q.choices?.length
          ? YES_NO()
          : (q.choices ?? []).map((c) => ({
              uid: uid(),
              value: c.value,
              label: c.label,
              score: String(c.score ?? 0),
            })),
    })),
  }));
}

/** A key the API accepts (lower case letters, digits, dashes; 60 at most), from a text. */
function slug(text: string, fallback: string): string {
  const base = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return base || fallback;
}

/** Gives every entry a key unique among `taken`: its own if it has one, else one made from its text. */
function uniqueKey(own: string, text: string, fallback: string, taken: Set<string>): string {
  let key = own || slug(text, fallback);
  for (let n = 2; taken.has(key); n++) key = `${(own || slug(text, fallback)).slice(0, 55)}-${n}`;
  taken.add(key);
  return key;
}

const asInteger = (value: string) => (/^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN);

/** The body of `POST /questionnaire-templates`, keys made where the RSSI wrote only texts. */
export function templateBody(name: string, description: string, sections: SectionDraft[]): TemplateInput {
  const sectionKeys = new Set<string>();
  const questionKeys = new Set<string>();
  return {
    name: name.trim(),
    ...(description.trim() ? { description: description.trim() } : {}),
    sections: sections.map((s, si) => ({
      key: uniqueKey(s.key, s.title, `section-${si + 1}`, sectionKeys),
      title: s.title.trim(),
      questions: s.questions.map((q, qi) => {
        const scored = SCORED_TYPES.includes(q.type);
        const choiceValues = new Set<string>();
        const choices =
          q.type === 'yes-no'
            ? q.choices.map((c) => ({ value: c.value, label: c.label, score: asInteger(c.score) }))
            : isChoice(q.type)
              ? q.choices.map((c, ci) => ({
                  value: uniqueKey(c.value, c.label, `choix-${ci + 1}`, choiceValues),
                  label: c.label.trim(),
                  score: asInteger(c.score),
                }))
              : undefined;
        return {
          key: uniqueKey(q.key, q.text, `question-${si + 1}-${qi + 1}`, questionKeys),
          text: q.text.trim(),
          ...(q.help.trim() ? { help: q.help.trim() } : {}),
          type: q.type,
          required: q.required,
          weight: scored ? asInteger(q.weight) : 0,
          ...(choices ? { choices } : {}),
          evidenceRequested: q.evidenceRequested,
        };
      }),
    })),
  };
}

/** The id of the field an API error path names (`sections[1].questions[0].text` → `t-sections-1-questions-0-text`). */
const fieldId = (path: string) => `t-${path.replace(/\[(\d+)\]/g, '-$1').replace(/\./g, '-')}`;

/** What the RSSI must still fill in, each with the id of its field. */
function draftErrors(name: string, sections: SectionDraft[]): { id: string; message: string }[] {
  const errors: { id: string; message: string }[] = [];
  if (!name.trim()) errors.push({ id: fieldId('name'), message: 'Indiquez le nom du modèle.' });
  sections.forEach((s, si) => {
    const at = `sections[${si}]`;
    if (!s.title.trim())
      errors.push({ id: fieldId(`${at}.title`), message: `Section ${si + 1} : indiquez son titre.` });
    s.questions.forEach((q, qi) => {
      const qat = `${at}.questions[${qi}]`;
      const where = `Section ${si + 1}, question ${qi + 1}`;
      if (!q.text.trim())
        errors.push({ id: fieldId(`${qat}.text`), message: `${where} : indiquez son texte.` });
      const weight = asInteger(q.weight);
      if (SCORED_TYPES.includes(q.type) && !(weight >= 0 && weight <= 100))
        errors.push({
          id: fieldId(`${qat}.weight`),
          message: `${where} : le poids est un nombre entier de 0 à 100.`,
        });
      if (isChoice(q.type) && q.choices.length < 2)
        errors.push({
          id: fieldId(`${qat}.add-choice`),
          message: `${where} : proposez au moins deux choix.`,
        });
      q.choices.forEach((c, ci) => {
        if (isChoice(q.type) && !c.label.trim())
          errors.push({
            id: fieldId(`${qat}.choices[${ci}].label`),
            message: `${where}, choix ${ci + 1} : indiquez son libellé.`,
          });
        const score = asInteger(c.score);
        if ((isChoice(q.type) || q.type === 'yes-no') && !(score >= 0 && score <= 100))
          errors.push({
            id: fieldId(`${qat}.choices[${ci}].score`),
            message: `${where}, choix ${ci + 1} : les points sont un nombre entier de 0 à 100.`,
          });
      });
    });
  });
  return errors;
}

function move<T>(items: T[], from: number, to: number): T[] {
  const copy = [...items];
  copy.splice(to, 0, ...copy.splice(from, 1));
  return copy;
}

function ChoicesEditor({
  at,
  question,
  where,
  onChange,
  fieldErrors,
}: {
  at: string;
  question: QuestionDraft;
  where: string;
  onChange(choices: ChoiceDraft[]): void;
  fieldErrors: Map<string, string>;
}) {
  const fixed = question.type === 'yes-no';
  const set = (index: number, change: Partial<ChoiceDraft>) =>
    onChange(question.choices.map((c, i) => (i === index ? { ...c, ...change } : c)));
  return (
    <fieldset className="choices-editor">
      <legend>Choix proposés et leurs points (de 0 à 100) : {where}</legend>
      {question.choices.map((c, ci) => (
        <div className="choice-row" key={c.uid}>
          {fixed ? (
            <span className="choice-label">{c.label}</span>
          ) : (
            <TextField
              id={fieldId(`${at}.choices[${ci}].label`)}
              label={`Libellé du choix ${ci + 1}`}
              required
              maxLength={300}
              value={c.label}
              error={fieldErrors.get(fieldId(`${at}.choices[${ci}].label`))}
              onChange={(e) => set(ci, { label: e.target.value })}
            />
          )}
          <TextField
            id={fieldId(`${at}.choices[${ci}].score`)}
            label={fixed ? `Points de la réponse « ${c.label} »` : `Points du choix ${ci + 1}`}
            type="number"
            min={0}
            max={100}
            inputMode="numeric"
            value={c.score}
            error={fieldErrors.get(fieldId(`${at}.choices[${ci}].score`))}
            onChange={(e) => set(ci, { score: e.target.value })}
          />
          {fixed ? null : (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => onChange(question.choices.filter((_, i) => i !== ci))}
            >
              Retirer le choix {ci + 1}
            </button>
          )}
        </div>
      ))}
      {fixed ? null : (
        <button
          type="button"
          id={fieldId(`${at}.add-choice`)}
          className="button button-secondary"
          onClick={() => onChange([...question.choices, { uid: uid(), value: '', label: '', score: '0' }])}
        >
          Ajouter un choix<span className="visually-hidden"> : {where}</span>
        </button>
      )}
    </fieldset>
  );
}

/** The form of a new template: from scratch, or a copy of `?depuis=<id>`. */
function TemplateForm({ source }: { source?: TemplateDetail }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [name, setName] = useState(source ? `Copie de ${source.name}`.slice(0, 200) : '');
  const [description, setDescription] = useState(source?.description ?? '');
  const [sections, setSections] = useState<SectionDraft[]>(() =>
    source ? draftsOf(source) : [newSection()],
  );
  const [errors, setErrors] = useState<{ id: string; message: string }[]>([]);
  const [announce, setAnnounce] = useState('');
  const [focusNext, setFocusNext] = useState<string>();
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!focusNext) return;
    const target =
      document.querySelector<HTMLElement>(`[data-focus-id="${focusNext}"]`) ??
      document.getElementById(focusNext);
    target?.focus();
    setFocusNext(undefined);
  }, [focusNext, sections]);
  const fieldErrors = new Map(errors.map((e) => [e.id, e.message]));
  // Nothing lost: leaving with what was written and not created asks first.
  const snapshot = JSON.stringify({ name, description, sections });
  const initial = useRef(snapshot);
  const leaving = useRef(false);
  const dirty = snapshot !== initial.current;
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && !leaving.current && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const save = useMutation({
    mutationFn: () => createTemplate(templateBody(name, description, sections)),
    onSuccess: (created) => {
      queryClient.invalidateQueries({ queryKey: ['questionnaire-templates'] });
      leaving.current = true;
      navigate(`/fournisseurs/modeles/${created.id}`, { state: { created: true } });
    },
    onError: (error) => {
      const found =
        error instanceof ApiError && error.status === 400
          ? (error.problem.errors ?? []).map((e) => ({
              id: fieldId(e.field ?? 'name'),
              message: `${e.field ?? ''} : ${e.message}`,
            }))
          : [];
      setErrors(
        found.length
          ? found
          : [
              {
                id: fieldId('name'),
                message:
                  error instanceof ApiError && error.problem.detail
                    ? error.problem.detail
                    : "L'enregistrement a échoué. Réessayez dans un instant.",
              },
            ],
      );
      setTimeout(() => summary.current?.focus());
    },
  });

  const setSection = (si: number, change: Partial<SectionDraft>) =>
    setSections((all) => all.map((s, i) => (i === si ? { ...s, ...change } : s)));
  const setQuestion = (si: number, qi: number, change: Partial<QuestionDraft>) =>
    setSections((all) =>
      all.map((s, i) =>
        i === si ? { ...s, questions: s.questions.map((q, j) => (j === qi ? { ...q, ...change } : q)) } : s,
      ),
    );
  const questionsOf = (si: number) => sections[si]?.questions ?? [];
  function changeType(si: number, qi: number, type: QuestionType) {
    const q = questionsOf(si)[qi];
    if (!q) return;
    const choices =
      type === 'yes-no'
        ? YES_NO()
        : isChoice(type)
          ? isChoice(q.type)
            ? q.choices
            : [
                { uid: uid(), value: '', label: '', score: '100' },
                { uid: uid(), value: '', label: '', score: '0' },
              ]
          : [];
    setQuestion(si, qi, {
      type,
      choices,
      weight: SCORED_TYPES.includes(type) ? (SCORED_TYPES.includes(q.type) ? q.weight : '1') : '0',
    });
  }
  function moveQuestion(si: number, qi: number, to: number, button: 'up' | 'down') {
    const moved = questionsOf(si)[qi];
    if (!moved) return;
    setSection(si, { questions: move(questionsOf(si), qi, to) });
    setAnnounce(`Question « ${moved.text || 'sans texte'} » déplacée en position ${to + 1}.`);
    const edge = (button === 'up' && to === 0) || (button === 'down' && to === questionsOf(si).length - 1);
    setFocusNext(`${moved.uid}-${edge ? (button === 'up' ? 'down' : 'up') : button}`);
  }
  function removeQuestion(si: number, qi: number) {
    const questions = questionsOf(si);
    setSection(si, { questions: questions.filter((_, j) => j !== qi) });
    setAnnounce(`Question ${qi + 1} de la section ${si + 1} supprimée.`);
    const neighbour = questions[qi + 1] ?? questions[qi - 1];
    setFocusNext(neighbour ? `${neighbour.uid}-text` : `${sections[si]?.uid}-add`);
  }
  function addQuestion(si: number) {
    const added = newQuestion();
    setSection(si, { questions: [...questionsOf(si), added] });
    setFocusNext(`${added.uid}-text`);
  }
  function addSection() {
    const added = newSection();
    setSections((all) => [...all, added]);
    setFocusNext(`${added.uid}-title`);
  }
  function removeSection(si: number) {
    setSections((all) => all.filter((_, i) => i !== si));
    setAnnounce(`Section ${si + 1} supprimée.`);
    setFocusNext('add-section');
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    const found = draftErrors(name, sections);
    setErrors(found);
    if (found.length) setTimeout(() => summary.current?.focus());
    else save.mutate();
  }

  const total = sections.reduce((sum, s) => sum + s.questions.length, 0);
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="template-form-title">
      <h2 id="template-form-title" className="visually-hidden">
        Modèle
      </h2>
      <ErrorSummary errors={errors} summaryRef={summary} />
      <TextField
        id={fieldId('name')}
        label="Nom du modèle"
        required
        maxLength={200}
        value={name}
        error={fieldErrors.get(fieldId('name'))}
        onChange={(e) => setName(e.target.value)}
      />
      <TextArea
        id={fieldId('description')}
        label="Présentation pour le fournisseur"
        hint="Ce qu’il trouve en tête du questionnaire : l’objet, les justificatifs attendus."
        maxLength={2000}
        rows={3}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
      />
      <p className="muted">
        {sections.length} section{sections.length > 1 ? 's' : ''}, {total} question{total > 1 ? 's' : ''}. Le
        poids et les points ne sont jamais montrés au fournisseur.
      </p>
      <p className="visually-hidden" role="status">
        {announce}
      </p>
      {sections.map((s, si) => (
        <fieldset key={s.uid} className="card template-section">
          <legend>
            Section {si + 1}
            {s.title ? ` : ${s.title}` : ''}
          </legend>
          <TextField
            id={fieldId(`sections[${si}].title`)}
            label={`Titre de la section ${si + 1}`}
            required
            maxLength={200}
            value={s.title}
            error={fieldErrors.get(fieldId(`sections[${si}].title`))}
            onChange={(e) => setSection(si, { title: e.target.value })}
            data-focus-id={`${s.uid}-title`}
          />
          <ol className="template-questions">
            {s.questions.map((q, qi) => {
              const at = `sections[${si}].questions[${qi}]`;
              const where = `section ${si + 1}, question ${qi + 1}`;
              return (
                <li key={q.uid}>
                  <fieldset className="template-question">
                    <legend>
                      Question {qi + 1} de la section {si + 1}
                    </legend>
                    <TextArea
                      id={fieldId(`${at}.text`)}
                      label={`Texte de la question (${where})`}
                      required
                      maxLength={1000}
                      rows={2}
                      value={q.text}
                      error={fieldErrors.get(fieldId(`${at}.text`))}
                      onChange={(e) => setQuestion(si, qi, { text: e.target.value })}
                      data-focus-id={`${q.uid}-text`}
                    />
                    <TextField
                      id={fieldId(`${at}.help`)}
                      label={`Aide pour le fournisseur (${where})`}
                      maxLength={2000}
                      value={q.help}
                      onChange={(e) => setQuestion(si, qi, { help: e.target.value })}
                    />
                    <div className="template-question-facts">
                      <SelectField
                        id={fieldId(`${at}.type`)}
                        label={`Type de réponse (${where})`}
                        options={TYPES}
                        value={q.type}
                        onChange={(e) => changeType(si, qi, e.target.value as QuestionType)}
                      />
                      {SCORED_TYPES.includes(q.type) ? (
                        <TextField
                          id={fieldId(`${at}.weight`)}
                          label={`Poids dans la note, de 0 à 100 (${where})`}
                          type="number"
                          min={0}
                          max={100}
                          inputMode="numeric"
                          value={q.weight}
                          error={fieldErrors.get(fieldId(`${at}.weight`))}
                          onChange={(e) => setQuestion(si, qi, { weight: e.target.value })}
                        />
                      ) : (
                        <p className="muted">Réponse informative : elle ne compte pas dans la note.</p>
                      )}
                    </div>
                    <div className="checkbox">
                      <input
                        type="checkbox"
                        id={fieldId(`${at}.required`)}
                        checked={q.required}
                        onChange={(e) => setQuestion(si, qi, { required: e.target.checked })}
                      />
                      <label htmlFor={fieldId(`${at}.required`)}>Réponse obligatoire ({where})</label>
                    </div>
                    <div className="checkbox">
                      <input
                        type="checkbox"
                        id={fieldId(`${at}.evidenceRequested`)}
                        checked={q.evidenceRequested}
                        onChange={(e) => setQuestion(si, qi, { evidenceRequested: e.target.checked })}
                      />
                      <label htmlFor={fieldId(`${at}.evidenceRequested`)}>
                        Justificatif demandé ({where})
                      </label>
                    </div>
                    {q.type === 'yes-no' || isChoice(q.type) ? (
                      <ChoicesEditor
                        at={at}
                        question={q}
                        where={where}
                        fieldErrors={fieldErrors}
                        onChange={(choices) => setQuestion(si, qi, { choices })}
                      />
                    ) : null}
                    <div className="form-actions">
                      <button
                        type="button"
                        id={`${q.uid}-up`}
                        className="button button-secondary"
                        disabled={qi === 0}
                        onClick={() => moveQuestion(si, qi, qi - 1, 'up')}
                      >
                        Monter
                        <span className="visually-hidden">
                          {' '}
                          la question {qi + 1} de la section {si + 1}
                        </span>
                      </button>
                      <button
                        type="button"
                        id={`${q.uid}-down`}
                        className="button button-secondary"
                        disabled={qi === s.questions.length - 1}
                        onClick={() => moveQuestion(si, qi, qi + 1, 'down')}
                      >
                        Descendre
                        <span className="visually-hidden">
                          {' '}
                          la question {qi + 1} de la section {si + 1}
                        </span>
                      </button>
                      <button
                        type="button"
                        className="button button-secondary"
                        disabled={s.questions.length === 1}
                        onClick={() => removeQuestion(si, qi)}
                      >
                        Supprimer
                        <span className="visually-hidden">
                          {' '}
                          la question {qi + 1} de la section {si + 1}
                        </span>
                      </button>
                    </div>
                  </fieldset>
                </li>
              );
            })}
          </ol>
          <div className="form-actions">
            <button
              type="button"
              id={`${s.uid}-add`}
              className="button button-secondary"
              onClick={() => addQuestion(si)}
            >
              Ajouter une question<span className="visually-hidden"> à la section {si + 1}</span>
            </button>
            <button
              type="button"
              className="button button-secondary"
              disabled={sections.length === 1}
              onClick={() => removeSection(si)}
            >
              Supprimer la section {si + 1}
            </button>
          </div>
        </fieldset>
      ))}
      <div className="form-actions">
        <button type="button" id="add-section" className="button button-secondary" onClick={addSection}>
          Ajouter une section
        </button>
      </div>
      <div className="form-actions sticky-actions">
        <button type="submit" className="button" disabled={save.isPending}>
          Créer le modèle
        </button>
        <Link to={source ? `/fournisseurs/modeles/${source.id}` : '/fournisseurs/modeles'}>Annuler</Link>
      </div>
      <ConfirmDialog
        open={blocker.state === 'blocked'}
        title="Quitter sans créer le modèle ?"
        confirm="Quitter sans enregistrer"
        cancel="Rester sur le modèle"
        onConfirm={() => blocker.proceed?.()}
        onCancel={() => blocker.reset?.()}
      >
        <p>Le modèle n'a pas été créé. Ce que vous avez écrit sera perdu si vous quittez cette page.</p>
      </ConfirmDialog>
    </form>
  );
}

/** « Nouveau modèle »: the RSSI writes a questionnaire template, from scratch or from a copy of another. */
export default function NewTemplatePage() {
  const manager = useVendorManager();
  const [params] = useSearchParams();
  const from = params.get('depuis');
  const source = useQuery({
    queryKey: ['questionnaire-template', from],
    queryFn: () => readTemplate(from!),
    enabled: Boolean(from),
  });
  const title = 'Nouveau modèle de questionnaire';
  const trail = (
    <p>
      <Link to="/fournisseurs">Fournisseurs</Link> ·{' '}
      <Link to="/fournisseurs/modeles">Modèles de questionnaire</Link>
    </p>
  );
  if (!manager)
    return (
      <Page title={title}>
        {trail}
        <p>Seul le responsable de la sécurité crée les modèles de questionnaire.</p>
      </Page>
    );
  if (from && source.isPending) return <Loading />;
  if (from && source.isError)
    return source.error instanceof ApiError && [400, 404].includes(source.error.status) ? (
      <Page title="Modèle introuvable">
        <p>Le modèle à copier est introuvable : il n’existe pas, ou vous n’y avez pas accès.</p>
        <p>
          <Link to="/fournisseurs/modeles">Retour aux modèles de questionnaire</Link>
        </p>
      </Page>
    ) : (
      <Page title={title}>
        <ErrorNotice>Le modèle à copier n'a pas pu être chargé.</ErrorNotice>
      </Page>
    );
  return (
    <Page title={title}>
      {trail}
      {source.data ? (
        <p className="lead">
          Copie de « {source.data.name} » : changez ce qui doit l’être, le modèle d’origine reste tel quel.
        </p>
      ) : null}
      <TemplateForm key={source.data?.id ?? 'new'} source={source.data} />
    </Page>
  );
}
