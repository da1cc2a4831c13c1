import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import {
  BREACH_FIELD_LABELS,
  createBreach,
  localToIso,
  NATURE_LABELS,
  nowLocal,
  problemOf,
} from '../api/breaches';
import { GDPR } from '../reference';
import { useRights, useSession } from '../session';
import { TextArea, TextField } from '../ui/fields';
import { NewRecordForm, NotAllowedToRecord } from './new-record-form';

const NATURES = Object.entries(NATURE_LABELS).map(([key, label]) => ({ key, label }));
const CATEGORIES = GDPR.dataCategories.map((c) => ({ key: c.key, label: c.fr ?? c.key }));

function Checkboxes({
  name,
  legend,
  options,
  values,
  onChange,
  error,
}: {
  name: string;
  legend: string;
  options: { key: string; label: string }[];
  values: string[];
  onChange: (next: string[]) => void;
  error?: string;
}) {
  return (
    <fieldset
      className={`checkbox-group${error ? ' field-invalid' : ''}`}
      id={`field-${name}`}
      tabIndex={-1}
      aria-describedby={error ? `${name}-error` : undefined}
    >
      <legend>
        {legend}
        <span className="required"> (obligatoire)</span>
      </legend>
      {error ? (
        <p className="field-error" id={`${name}-error`}>
          {error}
        </p>
      ) : null}
      {options.map((option) => (
        <div className="checkbox" key={option.key}>
          <input
            type="checkbox"
            id={`${name}-${option.key}`}
            checked={values.includes(option.key)}
            onChange={(e) =>
              onChange(e.target.checked ? [...values, option.key] : values.filter((v) => v !== option.key))
            }
          />
          <label htmlFor={`${name}-${option.key}`}>{option.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

const FIELD_IDS: Record<string, string> = {
  title: 'breach-title',
  awareAt: 'breach-aware-at',
  occurredAt: 'breach-occurred-at',
  description: 'breach-description',
  natures: 'field-natures',
  dataCategories: 'field-categories',
  approxSubjects: 'breach-subjects',
};

/** Recording a breach in the current member's register (DPO or référent): its 72-hour clock starts. */
export default function NewBreachPage() {
  const { current } = useSession();
  const { canEdit } = useRights();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const summary = useRef<HTMLDivElement>(null);
  const [title, setTitle] = useState('');
  const [awareAt, setAwareAt] = useState(nowLocal);
  const [occurredAt, setOccurredAt] = useState('');
  const [description, setDescription] = useState('');
  const [natures, setNatures] = useState<string[]>([]);
  const [categories, setCategories] = useState<string[]>([]);
  const [subjects, setSubjects] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string>();
  const orgId = current?.organisationId ?? '';

  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => createBreach(orgId, body),
    onSuccess: (created) => {
      queryClient.invalidateQueries({ queryKey: ['breaches'] });
      navigate(`/violations/${created.id}`);
    },
    onError: (error) => {
      const problem = problemOf(error);
      setErrors(problem.fields);
      setFailure(Object.keys(problem.fields).length > 0 ? undefined : problem.message);
      requestAnimationFrame(() => summary.current?.focus());
    },
  });

  if (!canEdit) {
    return (
      <NotAllowedToRecord
        title="Déclarer une violation"
        organisationName={current?.organisationName}
        action="de déclarer une violation"
        back={{ to: '/violations', label: 'Retour au registre des violations' }}
      />
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!title.trim()) found.title = "Indiquez l'intitulé de la violation.";
    if (!awareAt) found.awareAt = 'Indiquez quand la violation a été connue.';
    else if (new Date(awareAt).getTime() > Date.now() + 60_000)
      found.awareAt = 'La date de prise de connaissance ne peut pas être dans le futur.';
    if (occurredAt && awareAt && occurredAt > awareAt)
      found.occurredAt = 'La violation survient avant d’être connue : vérifiez les dates.';
    if (!description.trim()) found.description = 'Décrivez ce qui s’est passé.';
    if (natures.length === 0) found.natures = 'Cochez au moins une nature.';
    if (!/^\d+$/.test(subjects.trim()))
      found.approxSubjects = 'Indiquez un nombre approximatif (0 si inconnu pour l’instant).';
    setErrors(found);
    setFailure(undefined);
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    create.mutate({
      title: title.trim(),
      awareAt: localToIso(awareAt),
      ...(occurredAt ? { occurredAt: localToIso(occurredAt) } : {}),
      description: description.trim(),
      natures,
      dataCategories: categories,
      approxSubjects: Number(subjects.trim()),
    });
  }

  const listed = Object.entries(errors).map(([field, message]) => ({
    id: FIELD_IDS[field] ?? 'breach-title',
    message: `${BREACH_FIELD_LABELS[field] ?? field} : ${message}`,
  }));
  return (
    <NewRecordForm
      title="Déclarer une violation"
      lead={`${current?.organisationName ?? ''} — le délai de 72 heures pour notifier la CNIL court dès la prise de connaissance (art. 33.1 du RGPD).`}
      errors={listed}
      failure={failure}
      summaryRef={summary}
      onSubmit={submit}
      submitLabel="Enregistrer la violation"
      pending={create.isPending}
      cancelTo="/violations"
    >
      <TextField
        id="breach-title"
        label="Intitulé"
        required
        maxLength={300}
        value={title}
        error={errors.title}
        onChange={(e) => setTitle(e.target.value)}
      />
      <TextField
        id="breach-aware-at"
        label="Connue le (date et heure)"
        type="datetime-local"
        required
        value={awareAt}
        error={errors.awareAt}
        onChange={(e) => setAwareAt(e.target.value)}
      />
      <TextField
        id="breach-occurred-at"
        label="Survenue le (si connu)"
        type="datetime-local"
        value={occurredAt}
        error={errors.occurredAt}
        onChange={(e) => setOccurredAt(e.target.value)}
      />
      <TextArea
        id="breach-description"
        label="Description des faits"
        required
        rows={4}
        value={description}
        error={errors.description}
        onChange={(e) => setDescription(e.target.value)}
      />
      <Checkboxes
        name="natures"
        legend="Nature de la violation"
        options={NATURES}
        values={natures}
        onChange={setNatures}
        error={errors.natures}
      />
      <fieldset className="checkbox-group" id="field-categories" tabIndex={-1}>
        <legend>Catégories de données concernées</legend>
        {errors.dataCategories ? <p className="field-error">{errors.dataCategories}</p> : null}
        {CATEGORIES.map((option) => (
          <div className="checkbox" key={option.key}>
            <input
              type="checkbox"
              id={`categories-${option.key}`}
              checked={categories.includes(option.key)}
              onChange={(e) =>
                setCategories(
                  e.target.checked ? [...categories, option.key] : categories.filter((v) => v !== option.key),
                )
              }
            />
            <label htmlFor={`categories-${option.key}`}>{option.label}</label>
          </div>
        ))}
      </fieldset>
      <TextField
        id="breach-subjects"
        label="Nombre approximatif de personnes concernées"
        required
        inputMode="numeric"
        value={subjects}
        error={errors.approxSubjects}
        onChange={(e) => setSubjects(e.target.value)}
      />
    </NewRecordForm>
  );
}
