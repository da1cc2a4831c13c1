import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client';
import { ANSWERABLE, questionnaire, questionnaires, QUESTIONNAIRE_STATUS_LABELS } from '../api/vendors';
import { dueText } from '../deadlines';
import { formatDate, plural } from '../format';
import { useSession } from '../session';
import { ErrorNotice, Loading, Page } from '../ui/page';
import { QuestionnaireAnswerScreen } from './questionnaire-answer';
import { QuestionnaireLoadError, QuestionnaireReviewScreen } from './questionnaire-review';

/** Whether the signed-in person answers for a vendor (and holds no other role). */
export function useVendorContact(): boolean {
  const { workspaces } = useSession();
  return workspaces.length > 0 && workspaces.every((w) => w.kind === 'vendor');
}

/** The vendor portal's home: its company's questionnaires, each a link, with its due date. */
export default function QuestionnairesPage() {
  const list = useQuery({ queryKey: ['questionnaires', 'mine'], queryFn: () => questionnaires() });
  const { current } = useSession();
  return (
    <Page title="Questionnaires">
      <p className="lead">
        Les questionnaires de sécurité que l’opérateur a adressés à{' '}
        {current?.organisationName ?? 'votre société'}.
      </p>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ErrorNotice>Les questionnaires n'ont pas pu être chargés.</ErrorNotice> : null}
      {list.data ? (
        <>
          <p role="status">{plural(list.data.total, 'questionnaire')}</p>
          {list.data.items.length > 0 ? (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Questionnaire</th>
                  <th scope="col">Statut</th>
                  <th scope="col">Réponse attendue le</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((q) => {
                  const open = ANSWERABLE.includes(q.status);
                  const due = dueText(q.dueDate);
                  return (
                    <tr key={q.id}>
                      <th scope="row">
                        <Link to={`/questionnaires/${q.id}`}>{q.templateName}</Link>
                        <div className="muted">Reçu le {formatDate(q.sentAt)}</div>
                      </th>
                      <td>{QUESTIONNAIRE_STATUS_LABELS[q.status]}</td>
                      <td className={open && due.startsWith('en retard') ? 'late' : undefined}>
                        {formatDate(q.dueDate)}
                        {open ? ` (${due})` : ''}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ) : (
            <p>Aucun questionnaire ne vous a été adressé.</p>
          )}
        </>
      ) : null}
    </Page>
  );
}

/**
 * `/questionnaires/:id`, the address the notifications give: the vendor contact answers there, the operator
 * reviews there. A questionnaire of another vendor answers « introuvable » like one that does not exist.
 */
export function QuestionnairePage() {
  const { id = '' } = useParams();
  const vendor = useVendorContact();
  const detail = useQuery({ queryKey: ['questionnaire', id], queryFn: () => questionnaire(id) });
  if (detail.isPending) return <Loading />;
  if (detail.isError) {
    if (detail.error instanceof ApiError && [400, 404].includes(detail.error.status))
      return (
        <Page title="Questionnaire introuvable">
          <p>
            Ce questionnaire est introuvable : il n’existe pas, ou il a été adressé à une autre société que la
            vôtre.
          </p>
          <p>
            <Link to={vendor ? '/questionnaires' : '/fournisseurs'}>
              {vendor ? 'Retour aux questionnaires' : 'Retour aux fournisseurs'}
            </Link>
          </p>
        </Page>
      );
    return (
      <Page title="Questionnaire">
        <QuestionnaireLoadError />
      </Page>
    );
  }
  return vendor ? (
    <QuestionnaireAnswerScreen key={detail.data.id} initial={detail.data} />
  ) : (
    <QuestionnaireReviewScreen data={detail.data} />
  );
}

/** What a vendor contact reads at any other address: nothing of the rest of Vigie. */
export function VendorNotFoundPage() {
  return (
    <Page title="Page introuvable">
      <p>Cette adresse ne correspond à aucune page de votre espace.</p>
      <p>
        <Link to="/questionnaires">Retour aux questionnaires</Link>
      </p>
    </Page>
  );
}
