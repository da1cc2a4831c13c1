import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  applications,
  CAMPAIGN_STATUS_LABELS,
  campaigns,
  createCampaign,
  deploymentsOf,
} from '../../api/access-reviews';
import { formatDate } from '../../format';
import { pluralF, refusal, useOperatorRights } from '../../operator';
import { SelectField, TextField } from '../../ui/fields';
import { ErrorNotice, Loading, Page } from '../../ui/page';

/** « Revues d'habilitations »: the campaigns the person may see; the RSSI creates new ones. */
export default function AccessReviewsPage() {
  const { readsAccessReviews, isSecurityOfficer } = useOperatorRights();
  const list = useQuery({ queryKey: ['access-reviews'], queryFn: campaigns, enabled: readsAccessReviews });
  const [creating, setCreating] = useState(false);

  if (!readsAccessReviews) {
    return (
      <Page title="Revues d'habilitations">
        <p>
          Les revues d'habilitations sont conduites par le responsable de la sécurité : votre compte n'y a pas
          accès. Les comptes qui vous sont confiés se trouvent dans « À faire ».
        </p>
      </Page>
    );
  }
  return (
    <Page
      title="Revues d'habilitations"
      actions={
        isSecurityOfficer ? (
          <button
            type="button"
            className="button"
            aria-expanded={creating}
            aria-controls="new-review"
            onClick={() => setCreating(!creating)}
          >
            Nouvelle revue
          </button>
        ) : null
      }
    >
      <p className="lead">
        Revue périodique des comptes des applications de chaque membre (ISO/IEC 27001, mesure 5.18) : chaque
        compte est conservé, modifié ou révoqué par son relecteur, puis la remédiation est suivie jusqu'au
        certificat.
      </p>
      {isSecurityOfficer && creating ? <NewCampaign /> : null}
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ErrorNotice>Les revues n'ont pas pu être chargées.</ErrorNotice> : null}
      {list.data ? (
        <>
          <p role="status">{pluralF(list.data.total, 'revue')}</p>
          {list.data.items.length > 0 ? (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Revue</th>
                  <th scope="col">Membre</th>
                  <th scope="col">Application</th>
                  <th scope="col">Statut</th>
                  <th scope="col">Échéance</th>
                  <th scope="col">Comptes décidés</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <Link to={`/revues/${c.id}`}>{c.name}</Link>
                    </th>
                    <td>{c.organisationName}</td>
                    <td>{c.applicationName}</td>
                    <td>{CAMPAIGN_STATUS_LABELS[c.status]}</td>
                    <td>{formatDate(c.dueDate)}</td>
                    <td>
                      {(c.counts.accounts - c.counts.pending).toLocaleString('fr-FR')} sur{' '}
                      {c.counts.accounts.toLocaleString('fr-FR')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}

function NewCampaign() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const apps = useQuery({ queryKey: ['applications', 'all'], queryFn: applications });
  const [applicationId, setApplicationId] = useState('');
  const [organisationId, setOrganisationId] = useState('');
  const [name, setName] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [recurrence, setRecurrence] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const members = useQuery({
    queryKey: ['deployments', applicationId],
    queryFn: () => deploymentsOf(applicationId),
    enabled: Boolean(applicationId),
  });
  const create = useMutation({
    mutationFn: createCampaign,
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: ['access-reviews'] });
      navigate(`/revues/${created.id}`);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!applicationId) found.application = "Choisissez l'application revue.";
    if (!organisationId) found.organisation = 'Choisissez le membre dont les comptes sont revus.';
    if (!name.trim()) found.name = 'Indiquez le nom de la revue.';
    if (!dueDate) found.dueDate = "Indiquez l'échéance de la revue.";
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    create.mutate({
      applicationId,
      organisationId,
      name: name.trim(),
      dueDate,
      ...(recurrence ? { recurrenceMonths: Number(recurrence) } : {}),
    });
  }

  return (
    <section id="new-review" aria-labelledby="new-review-title">
      <h2 id="new-review-title">Nouvelle revue</h2>
      <form className="form" onSubmit={submit} noValidate>
        {create.isError ? <ErrorNotice>{refusal(create.error)}</ErrorNotice> : null}
        <SelectField
          label="Application"
          required
          placeholder="Choisir une application"
          options={(apps.data?.items ?? []).map((a) => ({ key: a.id, label: a.name }))}
          value={applicationId}
          error={errors.application}
          onChange={(e) => {
            setApplicationId(e.target.value);
            setOrganisationId('');
          }}
        />
        <SelectField
          label="Membre"
          required
          hint="Les membres pour lesquels l'application est déployée."
          placeholder={applicationId ? 'Choisir un membre' : "Choisissez d'abord l'application"}
          options={(members.data?.items ?? []).map((d) => ({
            key: d.organisationId,
            label: d.organisationName,
          }))}
          value={organisationId}
          error={errors.organisation}
          onChange={(e) => setOrganisationId(e.target.value)}
        />
        <TextField
          label="Nom de la revue"
          required
          maxLength={200}
          hint="Par exemple « Revue des accès Ciril GF — 1er semestre 2027 »."
          value={name}
          error={errors.name}
          onChange={(e) => setName(e.target.value)}
        />
        <TextField
          label="Échéance"
          required
          type="date"
          value={dueDate}
          error={errors.dueDate}
          onChange={(e) => setDueDate(e.target.value)}
        />
        <SelectField
          label="Renouvellement"
          placeholder="Pas de renouvellement automatique"
          options={[3, 6, 12].map((m) => ({ key: String(m), label: `Tous les ${m} mois` }))}
          value={recurrence}
          onChange={(e) => setRecurrence(e.target.value)}
        />
        <div className="form-actions">
          <button type="submit" className="button" disabled={create.isPending}>
            Créer la revue
          </button>
        </div>
      </form>
    </section>
  );
}
