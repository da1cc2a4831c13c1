import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError, unwrap, type Schemas } from '../api/client';
import { useRights, useSession } from '../session';
import { SelectField } from '../ui/fields';
import { ErrorNotice, Page } from '../ui/page';

type Reports = Schemas['AnnualReportsView'];

const thisYear = Number(
  new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', year: 'numeric' }).format(new Date()),
);
const YEARS = [0, 1, 2, 3, 4].map((back) => String(thisYear - back));

/** The DPO's annual report: one member's PDF and figures, or every member the DPO serves at once. */
export default function AnnualReportPage() {
  const { current } = useSession();
  const { isDpo } = useRights();
  const orgId = current?.organisationId ?? '';
  const [year, setYear] = useState(String(thisYear - 1));
  const generate = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/annual-reports', { body: { year: Number(year) } })) as Promise<Reports>,
  });

  return (
    <Page title="Bilan annuel" heading="Bilan annuel du délégué">
      <p className="lead">
        {current?.organisationName} — le bilan de l'année : traitements, analyses d'impact, violations,
        demandes de droits.
      </p>
      {!isDpo ? (
        <p>Le bilan annuel est produit par le délégué à la protection des données de l'organisme.</p>
      ) : (
        <>
          <div className="form">
            <SelectField
              id="report-year"
              label="Année du bilan"
              required
              options={YEARS.map((y) => ({ key: y, label: y }))}
              value={year}
              onChange={(e) => {
                setYear(e.target.value);
                generate.reset();
              }}
            />
          </div>
          <section aria-labelledby="current-title">
            <h2 id="current-title">{current?.organisationName}</h2>
            <ul>
              <li>
                <a href={`/api/v1/organisations/${orgId}/annual-report.pdf?year=${year}`} download>
                  Télécharger le bilan {year} (PDF)
                </a>
              </li>
              <li>
                <a href={`/api/v1/organisations/${orgId}/annual-report.xlsx?year=${year}`} download>
                  Télécharger les chiffres {year} (tableur XLSX)
                </a>
              </li>
            </ul>
          </section>
          <section aria-labelledby="all-title">
            <h2 id="all-title">Tous mes organismes</h2>
            <p>Vigie produit et conserve le bilan {year} de chaque organisme dont vous êtes le délégué.</p>
            <button
              type="button"
              className="button"
              disabled={generate.isPending}
              onClick={() => generate.mutate()}
            >
              Générer pour tous mes organismes
            </button>
            {generate.isPending ? <p role="status">Production des bilans en cours…</p> : null}
            {generate.isError ? (
              <ErrorNotice>
                {generate.error instanceof ApiError && generate.error.status === 403
                  ? "Vous n'êtes le délégué d'aucun organisme."
                  : "Les bilans n'ont pas pu être produits. Réessayez dans un instant."}
              </ErrorNotice>
            ) : null}
            {generate.data ? (
              <>
                <p role="status">
                  {generate.data.items.length === 1
                    ? '1 bilan produit.'
                    : `${generate.data.items.length} bilans produits.`}
                </p>
                <table className="table">
                  <caption className="visually-hidden">Bilans {year} produits</caption>
                  <thead>
                    <tr>
                      <th scope="col">Organisme</th>
                      <th scope="col">Bilan (PDF)</th>
                      <th scope="col">Chiffres (XLSX)</th>
                    </tr>
                  </thead>
                  <tbody>
                    {generate.data.items.map((item) => (
                      <tr key={item.organisationId}>
                        <th scope="row">{item.organisationName}</th>
                        <td>
                          <a href={`/api/v1/documents/${item.pdf.id}/content`} download>
                            {item.pdf.title}
                          </a>
                        </td>
                        <td>
                          <a href={`/api/v1/documents/${item.xlsx.id}/content`} download>
                            {item.xlsx.title}
                          </a>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            ) : null}
          </section>
        </>
      )}
    </Page>
  );
}
