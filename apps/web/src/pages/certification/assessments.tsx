import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { assessments, createAssessment, FRAMEWORK_LABELS } from '../../api/certification';
import { formatDate } from '../../format';
import { pluralF, refusal, useOperatorRights } from '../../operator';
import { SelectField, TextField } from '../../ui/fields';
import { ErrorNotice, Loading, Page } from '../../ui/page';

const FRAMEWORKS = Object.entries(FRAMEWORK_LABELS).map(([key, label]) => ({ key, label }));

/** « Certification »: the operator's assessments, each a link by its name; the RSSI opens new ones. */
export default function AssessmentsPage() {
  const { readsCertification, isSecurityOfficer } = useOperatorRights();
  const list = useQuery({ queryKey: ['assessments'], queryFn: assessments, enabled: readsCertification });
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [frameworkCode, setFrameworkCode] = useState('iso27001-2022');
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string>();
  const create = useMutation({
    mutationFn: createAssessment,
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: ['assessments'] });
      navigate(`/certification/${created.id}`);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setNameError("Indiquez le nom de l'évaluation.");
      return;
    }
    setNameError(undefined);
    create.mutate({ frameworkCode, name: name.trim() });
  }

  if (!readsCertification) {
    return (
      <Page title="Certification">
        <p>La certification est tenue par l'opérateur : votre compte n'y a pas accès.</p>
      </Page>
    );
  }
  return (
    <Page title="Certification">
      <p className="lead">
        Évaluations ISO/IEC 27001 et HDS de l'hébergement : exigences, preuves et déclaration d'applicabilité.
      </p>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ErrorNotice>Les évaluations n'ont pas pu être chargées.</ErrorNotice> : null}
      {list.data ? (
        <>
          <p role="status">{pluralF(list.data.total, 'évaluation')}</p>
          {list.data.items.length > 0 ? (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Évaluation</th>
                  <th scope="col">Référentiel</th>
                  <th scope="col">Exigences</th>
                  <th scope="col">Ouverte le</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">
                      <Link to={`/certification/${a.id}`}>{a.name}</Link>
                      {a.archived ? <span className="badge badge-archived"> Archivée</span> : null}
                    </th>
                    <td>
                      {a.frameworkName} ({a.frameworkEdition})
                    </td>
                    <td>{a.requirementCount.toLocaleString('fr-FR')}</td>
                    <td>{formatDate(a.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      ) : null}
      {isSecurityOfficer ? (
        <section aria-labelledby="new-assessment">
          <h2 id="new-assessment">Nouvelle évaluation</h2>
          <form onSubmit={submit} noValidate className="form">
            {create.isError ? <ErrorNotice>{refusal(create.error)}</ErrorNotice> : null}
            <SelectField
              label="Référentiel"
              required
              options={FRAMEWORKS}
              value={frameworkCode}
              onChange={(event) => setFrameworkCode(event.target.value)}
            />
            <TextField
              label="Nom de l'évaluation"
              required
              hint="Par exemple « ISO 27001 — audit de surveillance 2027 »."
              value={name}
              error={nameError}
              maxLength={200}
              onChange={(event) => setName(event.target.value)}
            />
            <button type="submit" className="button" disabled={create.isPending}>
              Ouvrir l'évaluation
            </button>
          </form>
        </section>
      ) : null}
    </Page>
  );
}
