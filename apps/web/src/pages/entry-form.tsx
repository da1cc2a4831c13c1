import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Button, Dialog, Heading, Modal } from 'react-aria-components';
import { Link, useBlocker, useNavigate, useParams } from 'react-router';
import { api, ApiError, unwrap, type Entry } from '../api/client';
import { applicationsVisible, type EntryDetail } from '../api/register';
import { CNIL_EXEMPTION_SHORT_LABELS } from '../../../../libs/register/src/data/register-labels';
import {
  NIR_LEGAL_GROUNDS,
  TRANSFER_DEROGATIONS,
  TRANSFER_SAFEGUARDS,
} from '../../../../libs/reference-data/src/register-rules';
import {
  ART35_CASES,
  CNIL_LIST,
  conditionsFor,
  DATA_CATEGORIES,
  DATA_SUBJECTS,
  FINAL_FATES,
  LEGAL_BASES,
  SPECIAL_CATEGORIES,
  WP248_CRITERIA,
} from '../labels';
import { useRights, useSession } from '../session';
import { ErrorSummary, SelectField, TextArea, TextField } from '../ui/fields';
import { ErrorNotice, Loading, Page } from '../ui/page';
import { EntryNotFound, useEntry } from './entry-page';

interface Purpose {
  description: string;
  legalBasis: string;
  legalBasisDetail: string;
  legitimateInterestsOutsidePublicTasks: string;
}
interface Category {
  category: string;
  description: string;
  retention: string;
  finalFate: string;
}
interface Special {
  category: string;
  condition: string;
  authorisingText: string;
}
interface Recipient {
  name: string;
  type: string;
}
interface Transfer {
  recipient: string;
  country: string;
  internationalOrganisation: boolean;
  safeguard: string;
  derogation: string;
  safeguardDetail: string;
}
interface FormState {
  name: string;
  description: string;
  applicationIds: string[];
  purposes: Purpose[];
  dataSubjects: string[];
  otherSubjects: string;
  dataCategories: Category[];
  specialCategories: Special[];
  recipients: Recipient[];
  transfers: Transfer[];
  securityMeasures: string;
  dpiaCriteria: string[];
  cnilListItems: string[];
  art35Cases: string[];
  cnilExemptionItem: string;
  nirUsed: boolean;
  nirLegalGround: string;
  nirReference: string;
  reviewDate: string;
}
type FieldErrors = { id: string; message: string }[];

const KNOWN_SUBJECTS = new Set(DATA_SUBJECTS.map((s) => s.key));
const SAFEGUARDS = TRANSFER_SAFEGUARDS.map((s) => ({ key: s.key, label: s.label }));
const DEROGATIONS = TRANSFER_DEROGATIONS.map((d) => ({ key: d.key, label: d.label }));
const NIR_GROUNDS = NIR_LEGAL_GROUNDS.map((g) => ({ key: g.key, label: g.label }));
const EXEMPTIONS = Object.entries(CNIL_EXEMPTION_SHORT_LABELS).map(([key, label]) => ({ key, label }));
const EMPTY: FormState = {
  name: '',
  description: '',
  applicationIds: [],
  purposes: [],
  dataSubjects: [],
  otherSubjects: '',
  dataCategories: [],
  specialCategories: [],
  recipients: [],
  transfers: [],
  securityMeasures: '',
  dpiaCriteria: [],
  cnilListItems: [],
  art35Cases: [],
  cnilExemptionItem: '',
  nirUsed: false,
  nirLegalGround: '',
  nirReference: '',
  reviewDate: '',
};

function fromEntry(entry: Entry): FormState {
  const e = entry as unknown as EntryDetail;
  return {
    name: e.name,
    description: e.description ?? '',
    applicationIds: [...e.applicationIds],
    purposes: e.purposes.map((p) => ({
      description: p.description,
      legalBasis: p.legalBasis ?? '',
      legalBasisDetail: p.legalBasisDetail ?? '',
      legitimateInterestsOutsidePublicTasks: p.legitimateInterestsOutsidePublicTasks ?? '',
    })),
    dataSubjects: e.dataSubjects.filter((s) => KNOWN_SUBJECTS.has(s)),
    otherSubjects: e.dataSubjects.filter((s) => !KNOWN_SUBJECTS.has(s)).join('\n'),
    dataCategories: e.dataCategories.map((c) => ({
      category: c.category,
      description: c.description ?? '',
      retention: c.retention ?? '',
      finalFate: c.finalFate ?? '',
    })),
    specialCategories: e.specialCategories.map((c) => ({
      category: c.category,
      condition: c.condition ?? '',
      authorisingText: c.authorisingText ?? '',
    })),
    recipients: e.recipients.map((r) => ({ name: r.name, type: r.type })),
    transfers: e.transfers.map((t) => {
      const listed = SAFEGUARDS.some((s) => s.key === t.safeguard);
      return {
        recipient: t.recipient,
        country: t.country ?? '',
        internationalOrganisation: t.internationalOrganisation === true,
        safeguard: listed ? (t.safeguard ?? '') : '',
        derogation: t.derogation ?? '',
        safeguardDetail: [t.safeguardDetail, listed ? '' : t.safeguard].filter(Boolean).join(' — '),
      };
    }),
    securityMeasures: e.securityMeasures.join('\n'),
    dpiaCriteria: [...e.dpiaCriteria],
    cnilListItems: [...e.cnilListItems],
    art35Cases: [...e.art35Cases],
    cnilExemptionItem: e.cnilExemptionItem ?? '',
    nirUsed: e.nir?.used === true,
    nirLegalGround: e.nir?.legalGround ?? '',
    nirReference: e.nir?.reference ?? '',
    reviewDate: e.reviewDate ?? '',
  };
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** The API's body: each field in the API's shape. */
function toBody(state: FormState): Record<string, unknown> {
  return {
    name: state.name.trim(),
    description: state.description.trim(),
    applicationIds: state.applicationIds,
    purposes: state.purposes.map((p) => ({
      description: p.description.trim(),
      ...(p.legalBasis ? { legalBasis: p.legalBasis } : {}),
      ...(p.legalBasisDetail.trim() ? { legalBasisDetail: p.legalBasisDetail.trim() } : {}),
      ...(p.legalBasis === 'legitimate-interests' && p.legitimateInterestsOutsidePublicTasks.trim()
        ? { legitimateInterestsOutsidePublicTasks: p.legitimateInterestsOutsidePublicTasks.trim() }
        : {}),
    })),
    dataSubjects: [...state.dataSubjects, ...lines(state.otherSubjects)],
    dataCategories: state.dataCategories.map((c) => ({
      category: c.category,
      ...(c.description.trim() ? { description: c.description.trim() } : {}),
      retention: c.retention.trim(),
      finalFate: c.finalFate ?? '',
    })),
    specialCategories: state.specialCategories.map((c) => ({
      category: c.category,
      condition: c.condition,
      ...(c.authorisingText.trim() ? { authorisingText: c.authorisingText.trim() } : {}),
    })),
    recipients: state.recipients.map((r) => ({ name: r.name.trim(), type: r.type.trim() })),
    transfers: state.transfers.map((t) => ({
      recipient: t.recipient.trim(),
      ...(t.country.trim() ? { country: t.country.trim().toUpperCase() } : {}),
      ...(t.internationalOrganisation ? { internationalOrganisation: true } : {}),
      ...(t.safeguard ? { safeguard: t.safeguard } : {}),
      ...(t.safeguard === 'derogation' && t.derogation ? { derogation: t.derogation } : {}),
      ...(t.safeguardDetail.trim() ? { safeguardDetail: t.safeguardDetail.trim() } : {}),
    })),
    nir: state.nirUsed
      ? {
          used: true,
          ...(state.nirLegalGround ? { legalGround: state.nirLegalGround } : {}),
          ...(state.nirReference.trim() ? { reference: state.nirReference.trim() } : {}),
        }
      : null,
    cnilExemptionItem: state.cnilExemptionItem || null,
    securityMeasures: lines(state.securityMeasures),
    dpiaCriteria: state.dpiaCriteria,
    cnilListItems: state.cnilListItems,
    art35Cases: state.art35Cases,
    reviewDate: state.reviewDate || null,
  };
}

const isEmpty = (value: unknown) =>
  value === '' || value === null || (Array.isArray(value) && value.length === 0);

/** A new draft sends what is filled in; an update sends what changed. */
function payload(state: FormState, initial: FormState, creating: boolean): Record<string, unknown> {
  const body = toBody(state);
  const before = toBody(initial);
  return Object.fromEntries(
    Object.entries(body).filter(([key, value]) =>
      creating ? !isEmpty(value) : JSON.stringify(value) !== JSON.stringify(before[key]),
    ),
  );
}

/** The form's own checks, in French, before anything is sent. */
function check(state: FormState): FieldErrors {
  const errors: FieldErrors = [];
  if (!state.name.trim()) errors.push({ id: 'name', message: 'Indiquez le nom du traitement.' });
  state.purposes.forEach((p, i) => {
    if (!p.description.trim())
      errors.push({ id: `purposes-${i}-description`, message: `Finalité ${i + 1} : décrivez la finalité.` });
    if (!p.legalBasis)
      errors.push({
        id: `purposes-${i}-legalBasis`,
        message: `Finalité ${i + 1} : choisissez la base légale.`,
      });
  });
  state.dataCategories.forEach((c, i) => {
    if (!c.category)
      errors.push({
        id: `dataCategories-${i}-category`,
        message: `Catégorie ${i + 1} : choisissez la catégorie de données.`,
      });
    if (!c.retention.trim())
      errors.push({
        id: `dataCategories-${i}-retention`,
        message: `Catégorie ${i + 1} : indiquez la durée de conservation.`,
      });
    if (!c.finalFate)
      errors.push({
        id: `dataCategories-${i}-finalFate`,
        message: `Catégorie ${i + 1} : choisissez le sort final.`,
      });
  });
  state.specialCategories.forEach((c, i) => {
    if (!c.category)
      errors.push({
        id: `specialCategories-${i}-category`,
        message: `Donnée sensible ${i + 1} : choisissez la catégorie.`,
      });
    if (!c.condition)
      errors.push({
        id: `specialCategories-${i}-condition`,
        message: `Donnée sensible ${i + 1} : choisissez la condition qui permet de la traiter.`,
      });
  });
  state.recipients.forEach((r, i) => {
    if (!r.name.trim())
      errors.push({ id: `recipients-${i}-name`, message: `Destinataire ${i + 1} : indiquez son nom.` });
    if (!r.type.trim())
      errors.push({ id: `recipients-${i}-type`, message: `Destinataire ${i + 1} : indiquez son type.` });
  });
  state.transfers.forEach((t, i) => {
    if (!t.recipient.trim())
      errors.push({
        id: `transfers-${i}-recipient`,
        message: `Transfert ${i + 1} : indiquez le destinataire.`,
      });
    if (!(t.internationalOrganisation && !t.country.trim()) && !/^[A-Za-z]{2}$/.test(t.country.trim()))
      errors.push({
        id: `transfers-${i}-country`,
        message: `Transfert ${i + 1} : indiquez le code du pays sur deux lettres (par exemple US).`,
      });
  });
  return errors;
}

/** The server's field errors, at the field they name (`purposes.0.description` → `purposes-0-description`). */
function serverErrors(error: ApiError): FieldErrors {
  const known = new Set([
    'name',
    'description',
    'reviewDate',
    'cnilExemptionItem',
    'nir-legalGround',
    'nir-reference',
  ]);
  return (error.problem.errors ?? []).map((e) => {
    const id = e.field.replace(/\./g, '-');
    const top = e.field.split('.')[0] ?? '';
    const section = ['dpiaCriteria', 'cnilListItems', 'art35Cases'].includes(top)
      ? 'section-dpia'
      : `section-${top}`;
    return {
      id: known.has(id) || /-\d+-/.test(id) ? id : section,
      message: `Valeur refusée (${e.field}) : ${e.message}`,
    };
  });
}

function ListSection({
  title,
  id,
  onAdd,
  addLabel,
  children,
  hint,
}: {
  title: string;
  id: string;
  onAdd: () => void;
  addLabel: string;
  children: ReactNode;
  hint?: string;
}) {
  return (
    <fieldset className="list-editor" id={`section-${id}`} tabIndex={-1}>
      <legend>{title}</legend>
      {hint ? <p className="hint">{hint}</p> : null}
      {children}
      <button type="button" className="button button-secondary" onClick={onAdd}>
        {addLabel}
      </button>
    </fieldset>
  );
}

function ItemBox({
  title,
  onRemove,
  children,
}: {
  title: string;
  onRemove: () => void;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <div className="list-item" role="group" aria-labelledby={headingId}>
      <div className="list-item-head">
        <h3 id={headingId}>{title}</h3>
        <button type="button" className="button button-link" onClick={onRemove}>
          Retirer <span className="visually-hidden">{title.toLowerCase()}</span>
        </button>
      </div>
      {children}
    </div>
  );
}

function CheckboxGroup({
  legend,
  name,
  options,
  values,
  onChange,
}: {
  legend: string;
  name: string;
  options: { key: string; label: string }[];
  values: string[];
  onChange: (values: string[]) => void;
}) {
  return (
    <fieldset className="checkbox-group">
      <legend>{legend}</legend>
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

/** A modal question (leave without saving, reload after a conflict): react-aria's dialog, focus kept inside. */
export function ConfirmDialog({
  open,
  title,
  children,
  confirm,
  cancel,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirm: string;
  cancel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Modal isOpen={open} onOpenChange={(isOpen) => !isOpen && onCancel()} className="modal" isDismissable>
      <Dialog role="alertdialog" className="dialog">
        <Heading slot="title">{title}</Heading>
        {children}
        <div className="dialog-actions">
          <Button className="button" onPress={onConfirm}>
            {confirm}
          </Button>
          <Button className="button button-secondary" onPress={onCancel} autoFocus>
            {cancel}
          </Button>
        </div>
      </Dialog>
    </Modal>
  );
}

function EntryForm({ entry }: { entry?: Entry }) {
  const creating = !entry;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { current } = useSession();
  const initial = useRef<FormState>(entry ? fromEntry(entry) : EMPTY);
  const [state, setState] = useState<FormState>(initial.current);
  const [version, setVersion] = useState(entry?.version);
  const [errors, setErrors] = useState<FieldErrors>([]);
  const [failure, setFailure] = useState<string>();
  const [conflict, setConflict] = useState(false);
  const leaving = useRef(false);
  const summary = useRef<HTMLDivElement>(null);
  // Each refusal moves the focus to the error summary, once it is on the page.
  const [summaryFocus, setSummaryFocus] = useState(0);
  useEffect(() => {
    if (summaryFocus > 0) summary.current?.focus();
  }, [summaryFocus]);
  const dirty = JSON.stringify(state) !== JSON.stringify(initial.current);
  const applications = useQuery({
    queryKey: ['applications'],
    staleTime: 300_000,
    queryFn: applicationsVisible,
  });

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
    mutationFn: async (body: Record<string, unknown>) =>
      creating
        ? ((await unwrap(
            api.POST('/api/v1/organisations/{orgId}/processing-activities', {
              params: { path: { orgId: current?.organisationId ?? '' } },
              body: body as never,
            }),
          )) as Entry)
        : ((await unwrap(
            api.PATCH('/api/v1/processing-activities/{id}', {
              params: { path: { id: entry.id } },
              body: { ...body, version } as never,
            }),
          )) as Entry),
    onSuccess: (saved) => {
      queryClient.setQueryData(['entry', saved.id], saved);
      queryClient.invalidateQueries({ queryKey: ['entries'] });
      leaving.current = true;
      navigate(`/registre/${saved.id}`);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409 && !creating) {
        setConflict(true);
      } else if (error instanceof ApiError && error.status === 400) {
        setErrors(serverErrors(error));
        setSummaryFocus((n) => n + 1);
      } else if (error instanceof ApiError && error.status === 403) {
        setFailure("Votre rôle dans cet organisme ne permet pas d'enregistrer ce traitement.");
      } else {
        setFailure("L'enregistrement a échoué. Vos saisies sont conservées : réessayez dans un instant.");
      }
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    const found = check(state);
    setErrors(found);
    if (found.length > 0) {
      setSummaryFocus((n) => n + 1);
      return;
    }
    save.mutate(payload(state, initial.current, creating));
  }

  async function reload() {
    if (!entry) return;
    const latest = (await unwrap(
      api.GET('/api/v1/processing-activities/{id}', { params: { path: { id: entry.id } } }),
    )) as Entry;
    queryClient.setQueryData(['entry', entry.id], latest);
    initial.current = fromEntry(latest);
    setState(initial.current);
    setVersion(latest.version);
    setConflict(false);
    setErrors([]);
  }

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    setState((s) => ({ ...s, [key]: value }));
  // A new item of a list takes the focus at its first field (otherwise it stays on « Ajouter… », after it).
  const focusAfterAdd = useRef<string>(undefined);
  useEffect(() => {
    if (!focusAfterAdd.current) return;
    document.getElementById(focusAfterAdd.current)?.focus();
    focusAfterAdd.current = undefined;
  }, [state]);
  const addTo = <K extends 'purposes' | 'dataCategories' | 'specialCategories' | 'recipients' | 'transfers'>(
    key: K,
    item: FormState[K][number],
    firstField: string,
  ) => {
    focusAfterAdd.current = `${key}-${state[key].length}-${firstField}`;
    set(key, [...state[key], item] as FormState[K]);
  };
  const errorOf = (id: string) => errors.find((e) => e.id === id)?.message;
  const update = <K extends 'purposes' | 'dataCategories' | 'specialCategories' | 'recipients' | 'transfers'>(
    key: K,
    index: number,
    patch: Partial<FormState[K][number]>,
  ) =>
    setState((s) => ({
      ...s,
      [key]: (s[key] as FormState[K][number][]).map((item, i) =>
        i === index ? { ...item, ...patch } : item,
      ),
    }));
  const remove = (
    key: 'purposes' | 'dataCategories' | 'specialCategories' | 'recipients' | 'transfers',
    index: number,
  ) => setState((s) => ({ ...s, [key]: (s[key] as unknown[]).filter((_, i) => i !== index) }));

  return (
    <Page title={creating ? 'Nouveau traitement' : `Modifier « ${entry.name} »`}>
      <p className="hint">
        Seul le nom est obligatoire pour enregistrer un brouillon ; le DPO valide le traitement quand il est
        complet.
      </p>
      {failure ? <ErrorNotice>{failure}</ErrorNotice> : null}
      <ErrorSummary errors={errors} summaryRef={summary} />
      <form onSubmit={submit} noValidate className="form entry-form">
        <TextField
          id="name"
          label="Nom du traitement"
          required
          value={state.name}
          error={errorOf('name')}
          maxLength={300}
          onChange={(e) => set('name', e.target.value)}
        />
        <TextArea
          id="description"
          label="Description"
          rows={3}
          value={state.description}
          error={errorOf('description')}
          onChange={(e) => set('description', e.target.value)}
        />

        <ListSection
          title="Finalités"
          id="purposes"
          addLabel="Ajouter une finalité"
          onAdd={() =>
            addTo(
              'purposes',
              {
                description: '',
                legalBasis: '',
                legalBasisDetail: '',
                legitimateInterestsOutsidePublicTasks: '',
              },
              'description',
            )
          }
        >
          {state.purposes.map((p, i) => (
            <ItemBox key={i} title={`Finalité ${i + 1}`} onRemove={() => remove('purposes', i)}>
              <TextField
                id={`purposes-${i}-description`}
                label="Description de la finalité"
                required
                value={p.description}
                error={errorOf(`purposes-${i}-description`)}
                onChange={(e) => update('purposes', i, { description: e.target.value })}
              />
              <SelectField
                id={`purposes-${i}-legalBasis`}
                label="Base légale"
                required
                options={LEGAL_BASES}
                placeholder="Choisir…"
                value={p.legalBasis}
                error={errorOf(`purposes-${i}-legalBasis`)}
                onChange={(e) => update('purposes', i, { legalBasis: e.target.value })}
              />
              <TextField
                id={`purposes-${i}-legalBasisDetail`}
                label="Texte fondant la base légale"
                hint="Par exemple : Code de l'action sociale et des familles, art. L. 123-5"
                value={p.legalBasisDetail}
                onChange={(e) => update('purposes', i, { legalBasisDetail: e.target.value })}
              />
              {p.legalBasis === 'legitimate-interests' ? (
                <TextArea
                  id={`purposes-${i}-legitimateInterestsOutsidePublicTasks`}
                  label="Pourquoi ce traitement sort des missions de service public"
                  hint="Une autorité publique ne peut invoquer l'intérêt légitime que hors de ses missions (art. 6.1, dernier alinéa)."
                  rows={2}
                  value={p.legitimateInterestsOutsidePublicTasks}
                  error={errorOf(`purposes-${i}-legitimateInterestsOutsidePublicTasks`)}
                  onChange={(e) =>
                    update('purposes', i, { legitimateInterestsOutsidePublicTasks: e.target.value })
                  }
                />
              ) : null}
            </ItemBox>
          ))}
        </ListSection>

        <fieldset className="list-editor" id="section-dataSubjects" tabIndex={-1}>
          <legend>Personnes concernées</legend>
          <div className="checkboxes">
            {DATA_SUBJECTS.map((s) => (
              <div className="checkbox" key={s.key}>
                <input
                  type="checkbox"
                  id={`subject-${s.key}`}
                  checked={state.dataSubjects.includes(s.key)}
                  onChange={(e) =>
                    set(
                      'dataSubjects',
                      e.target.checked
                        ? [...state.dataSubjects, s.key]
                        : state.dataSubjects.filter((k) => k !== s.key),
                    )
                  }
                />
                <label htmlFor={`subject-${s.key}`}>{s.label}</label>
              </div>
            ))}
          </div>
          <TextArea
            id="otherSubjects"
            label="Autres personnes concernées"
            hint="Une par ligne."
            rows={2}
            value={state.otherSubjects}
            onChange={(e) => set('otherSubjects', e.target.value)}
          />
        </fieldset>

        <ListSection
          title="Catégories de données"
          id="dataCategories"
          addLabel="Ajouter une catégorie de données"
          onAdd={() =>
            addTo(
              'dataCategories',
              { category: '', description: '', retention: '', finalFate: '' },
              'category',
            )
          }
        >
          {state.dataCategories.map((c, i) => (
            <ItemBox key={i} title={`Catégorie ${i + 1}`} onRemove={() => remove('dataCategories', i)}>
              <SelectField
                id={`dataCategories-${i}-category`}
                label="Catégorie de données"
                required
                options={DATA_CATEGORIES}
                placeholder="Choisir…"
                value={c.category}
                error={errorOf(`dataCategories-${i}-category`)}
                onChange={(e) => update('dataCategories', i, { category: e.target.value })}
              />
              <TextField
                id={`dataCategories-${i}-description`}
                label="Précisions"
                value={c.description}
                onChange={(e) => update('dataCategories', i, { description: e.target.value })}
              />
              <TextField
                id={`dataCategories-${i}-retention`}
                label="Durée de conservation"
                required
                hint="Par exemple : 5 ans après la clôture du dossier"
                value={c.retention}
                error={errorOf(`dataCategories-${i}-retention`)}
                onChange={(e) => update('dataCategories', i, { retention: e.target.value })}
              />
              <SelectField
                id={`dataCategories-${i}-finalFate`}
                label="Sort final"
                required
                options={FINAL_FATES}
                placeholder="Choisir…"
                value={c.finalFate}
                error={errorOf(`dataCategories-${i}-finalFate`)}
                onChange={(e) => update('dataCategories', i, { finalFate: e.target.value })}
              />
            </ItemBox>
          ))}
        </ListSection>

        <ListSection
          title="Données sensibles"
          id="specialCategories"
          hint="Catégories particulières (art. 9 du RGPD), données pénales (art. 10) et numéro d'inscription au répertoire (NIR)."
          addLabel="Ajouter une donnée sensible"
          onAdd={() =>
            addTo('specialCategories', { category: '', condition: '', authorisingText: '' }, 'category')
          }
        >
          {state.specialCategories.map((c, i) => (
            <ItemBox
              key={i}
              title={`Donnée sensible ${i + 1}`}
              onRemove={() => remove('specialCategories', i)}
            >
              <SelectField
                id={`specialCategories-${i}-category`}
                label="Catégorie de donnée sensible"
                required
                options={SPECIAL_CATEGORIES}
                placeholder="Choisir…"
                value={c.category}
                error={errorOf(`specialCategories-${i}-category`)}
                onChange={(e) => update('specialCategories', i, { category: e.target.value, condition: '' })}
              />
              <SelectField
                id={`specialCategories-${i}-condition`}
                label="Condition permettant le traitement"
                required
                options={conditionsFor(c.category)}
                placeholder="Choisir…"
                value={c.condition}
                error={errorOf(`specialCategories-${i}-condition`)}
                onChange={(e) => update('specialCategories', i, { condition: e.target.value })}
              />
              {c.category === 'criminal-convictions-and-offences' ? (
                <TextField
                  id={`specialCategories-${i}-authorisingText`}
                  label="Texte autorisant le traitement (art. 10)"
                  value={c.authorisingText}
                  error={errorOf(`specialCategories-${i}-authorisingText`)}
                  onChange={(e) => update('specialCategories', i, { authorisingText: e.target.value })}
                />
              ) : null}
            </ItemBox>
          ))}
        </ListSection>

        <ListSection
          title="Destinataires"
          id="recipients"
          addLabel="Ajouter un destinataire"
          onAdd={() => addTo('recipients', { name: '', type: '' }, 'name')}
        >
          {state.recipients.map((r, i) => (
            <ItemBox key={i} title={`Destinataire ${i + 1}`} onRemove={() => remove('recipients', i)}>
              <TextField
                id={`recipients-${i}-name`}
                label="Nom du destinataire"
                required
                value={r.name}
                error={errorOf(`recipients-${i}-name`)}
                onChange={(e) => update('recipients', i, { name: e.target.value })}
              />
              <TextField
                id={`recipients-${i}-type`}
                label="Type de destinataire"
                required
                hint="Par exemple : service interne, organisme public, sous-traitant"
                value={r.type}
                error={errorOf(`recipients-${i}-type`)}
                onChange={(e) => update('recipients', i, { type: e.target.value })}
              />
            </ItemBox>
          ))}
        </ListSection>

        <ListSection
          title="Transferts hors de l'Union européenne"
          id="transfers"
          addLabel="Ajouter un transfert"
          onAdd={() =>
            addTo(
              'transfers',
              {
                recipient: '',
                country: '',
                internationalOrganisation: false,
                safeguard: '',
                derogation: '',
                safeguardDetail: '',
              },
              'recipient',
            )
          }
        >
          {state.transfers.map((t, i) => (
            <ItemBox key={i} title={`Transfert ${i + 1}`} onRemove={() => remove('transfers', i)}>
              <TextField
                id={`transfers-${i}-recipient`}
                label="Destinataire du transfert"
                required
                value={t.recipient}
                error={errorOf(`transfers-${i}-recipient`)}
                onChange={(e) => update('transfers', i, { recipient: e.target.value })}
              />
              <div className="checkbox">
                <input
                  type="checkbox"
                  id={`transfers-${i}-internationalOrganisation`}
                  checked={t.internationalOrganisation}
                  onChange={(e) => update('transfers', i, { internationalOrganisation: e.target.checked })}
                />
                <label htmlFor={`transfers-${i}-internationalOrganisation`}>
                  Le destinataire est une organisation internationale (art. 4.26)
                </label>
              </div>
              <TextField
                id={`transfers-${i}-country`}
                label={
                  t.internationalOrganisation
                    ? 'Pays du siège (code sur deux lettres)'
                    : 'Pays (code sur deux lettres)'
                }
                required={!t.internationalOrganisation}
                maxLength={2}
                value={t.country}
                error={errorOf(`transfers-${i}-country`)}
                onChange={(e) => update('transfers', i, { country: e.target.value })}
              />
              <SelectField
                id={`transfers-${i}-safeguard`}
                label="Garantie (art. 45 à 49)"
                hint="Obligatoire hors de l'Espace économique européen et vers une organisation internationale"
                options={SAFEGUARDS}
                placeholder="Aucune (pays de l'EEE)"
                value={t.safeguard}
                error={errorOf(`transfers-${i}-safeguard`)}
                onChange={(e) => update('transfers', i, { safeguard: e.target.value })}
              />
              {t.safeguard === 'derogation' ? (
                <SelectField
                  id={`transfers-${i}-derogation`}
                  label="Cas de dérogation (art. 49.1)"
                  required
                  options={DEROGATIONS}
                  placeholder="Choisir…"
                  value={t.derogation}
                  error={errorOf(`transfers-${i}-derogation`)}
                  onChange={(e) => update('transfers', i, { derogation: e.target.value })}
                />
              ) : null}
              <TextField
                id={`transfers-${i}-safeguardDetail`}
                label="Précisions sur la garantie"
                hint="Par exemple : Décision (UE) 2021/914, module 2"
                value={t.safeguardDetail}
                error={errorOf(`transfers-${i}-safeguardDetail`)}
                onChange={(e) => update('transfers', i, { safeguardDetail: e.target.value })}
              />
            </ItemBox>
          ))}
        </ListSection>

        <fieldset className="list-editor" id="section-nir" tabIndex={-1}>
          <legend>Numéro d'inscription au répertoire (NIR)</legend>
          <div className="checkbox">
            <input
              type="checkbox"
              id="nir-used"
              checked={state.nirUsed}
              onChange={(e) => set('nirUsed', e.target.checked)}
            />
            <label htmlFor="nir-used">Le traitement utilise le NIR (numéro de sécurité sociale)</label>
          </div>
          {state.nirUsed ? (
            <>
              <SelectField
                id="nir-legalGround"
                label="Fondement de l'usage du NIR"
                hint="Nécessaire pour valider le traitement (loi n° 78-17, art. 30)."
                options={NIR_GROUNDS}
                placeholder="Choisir…"
                value={state.nirLegalGround}
                error={errorOf('nir-legalGround')}
                onChange={(e) => set('nirLegalGround', e.target.value)}
              />
              <TextField
                id="nir-reference"
                label="Référence (item du décret cadre ou texte autorisant, avec son article)"
                value={state.nirReference}
                error={errorOf('nir-reference')}
                onChange={(e) => set('nirReference', e.target.value)}
              />
            </>
          ) : null}
        </fieldset>

        <fieldset className="list-editor" id="section-applicationIds" tabIndex={-1}>
          <legend>Applications utilisées</legend>
          <p className="hint">
            Les mesures de sécurité de leur hébergement s'ajoutent à celles du traitement.
          </p>
          {errorOf('section-applicationIds') ? (
            <p className="field-error">{errorOf('section-applicationIds')}</p>
          ) : null}
          {applications.isPending ? <Loading label="Chargement des applications…" /> : null}
          {applications.data?.length === 0 ? (
            <p className="hint">Aucune application n'est déployée.</p>
          ) : null}
          <div className="checkboxes">
            {(applications.data ?? []).map((a) => (
              <div className="checkbox" key={a.id}>
                <input
                  type="checkbox"
                  id={`application-${a.id}`}
                  checked={state.applicationIds.includes(a.id)}
                  onChange={(e) =>
                    set(
                      'applicationIds',
                      e.target.checked
                        ? [...state.applicationIds, a.id]
                        : state.applicationIds.filter((k) => k !== a.id),
                    )
                  }
                />
                <label htmlFor={`application-${a.id}`}>{a.name}</label>
              </div>
            ))}
          </div>
        </fieldset>

        <TextArea
          id="securityMeasures"
          label="Mesures de sécurité"
          hint="Une mesure par ligne."
          rows={4}
          value={state.securityMeasures}
          onChange={(e) => set('securityMeasures', e.target.value)}
        />
        <fieldset className="list-editor" id="section-dpia" tabIndex={-1}>
          <legend>Critères de l'analyse d'impact (AIPD)</legend>
          <p className="hint">
            Vigie en déduit si une AIPD est requise ; la fiche du traitement en donne les motifs.
          </p>
          <CheckboxGroup
            legend="Critères des lignes directrices du CEPD (WP248)"
            name="dpiaCriteria"
            options={WP248_CRITERIA}
            values={state.dpiaCriteria}
            onChange={(values) => set('dpiaCriteria', values)}
          />
          <CheckboxGroup
            legend="Liste de la CNIL des traitements soumis à AIPD"
            name="cnilListItems"
            options={CNIL_LIST}
            values={state.cnilListItems}
            onChange={(values) => set('cnilListItems', values)}
          />
          <CheckboxGroup
            legend="Cas de l'article 35.3 du RGPD"
            name="art35Cases"
            options={ART35_CASES}
            values={state.art35Cases}
            onChange={(values) => set('art35Cases', values)}
          />
          <SelectField
            id="cnilExemptionItem"
            label="Dispense d'AIPD (liste de la CNIL, délibération n° 2019-118)"
            options={EXEMPTIONS}
            placeholder="Aucune"
            value={state.cnilExemptionItem}
            error={errorOf('cnilExemptionItem')}
            onChange={(e) => set('cnilExemptionItem', e.target.value)}
          />
        </fieldset>

        <TextField
          id="reviewDate"
          label="Date de la prochaine revue"
          type="date"
          value={state.reviewDate}
          error={errorOf('reviewDate')}
          onChange={(e) => set('reviewDate', e.target.value)}
        />

        <div className="form-actions">
          <button type="submit" className="button" disabled={save.isPending}>
            Enregistrer
          </button>
          <Link className="button button-secondary" to={entry ? `/registre/${entry.id}` : '/registre'}>
            Annuler
          </Link>
        </div>
      </form>

      <ConfirmDialog
        open={blocker.state === 'blocked'}
        title="Quitter sans enregistrer ?"
        confirm="Quitter sans enregistrer"
        cancel="Rester sur le formulaire"
        onConfirm={() => blocker.proceed?.()}
        onCancel={() => blocker.reset?.()}
      >
        <p>Vos modifications n'ont pas été enregistrées. Elles seront perdues si vous quittez cette page.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={conflict}
        title="Ce traitement a été modifié entre-temps"
        confirm="Recharger la dernière version"
        cancel="Revenir à mes saisies"
        onConfirm={() => void reload()}
        onCancel={() => setConflict(false)}
      >
        <p>
          Quelqu'un a enregistré ce traitement après que vous l'avez ouvert. Rechargez la dernière version
          pour la voir (vos saisies non enregistrées seront perdues), ou revenez à vos saisies pour les noter
          avant de recharger.
        </p>
      </ConfirmDialog>
    </Page>
  );
}

function NotAllowed() {
  return (
    <Page title="Accès réservé">
      <p>Votre rôle dans cet organisme ne permet pas de modifier le registre.</p>
      <p>
        <Link to="/registre">Retour au registre</Link>
      </p>
    </Page>
  );
}

export default function EntryFormPage() {
  const { id } = useParams();
  const { canEdit } = useRights();
  if (id) return <EditEntry id={id} />;
  return canEdit ? <EntryForm /> : <NotAllowed />;
}

function EditEntry({ id }: { id: string }) {
  const entry = useEntry(id);
  if (entry.isPending) return <Loading />;
  if (entry.isError) {
    return entry.error instanceof ApiError && (entry.error.status === 404 || entry.error.status === 400) ? (
      <EntryNotFound />
    ) : (
      <Page title="Traitement">
        <ErrorNotice>Le traitement n'a pas pu être chargé. Réessayez dans un instant.</ErrorNotice>
      </Page>
    );
  }
  return <EditableEntry entry={entry.data} />;
}

function EditableEntry({ entry }: { entry: Entry }) {
  const { canEdit } = useRights(entry.organisationId);
  if (!canEdit || entry.status === 'archived') return <NotAllowed />;
  return <EntryForm key={entry.id} entry={entry} />;
}
