import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError } from '../api/client';
import {
  QUESTION_TYPE_LABELS,
  SCORED_TYPES,
  template as readTemplate,
  templates,
  type Template,
} from '../api/vendors';
import { formatDate, plural } from '../format';
import { ErrorNotice, Loading, Page } from '../ui/page';
import { useVendorManager } from './vendors';
import './vendors.css';

const questionCount = (t: Template) => t.sections.reduce((sum, s) => sum + s.questions.length, 0);
const DEFAULT_YES_NO = [
  { value: 'yes', label: 'Oui', score: 100 },
  { value: 'no', label: 'Non', score: 0 },
];

/** The questionnaire templates: the built-in « Questionnaire sécurité éditeur » first, then the RSSI's own. */
export default function TemplatesPage() {
  const manager = useVendorManager();
  const list = useQuery({ queryKey: ['questionnaire-templates'], queryFn: templates });
  return (
    <Page
      title="Modèles de questionnaire"
      actions={
        manager ? (
          <Link className="button" to="/fournisseurs/modeles/nouveau">
            Nouveau modèle
          </Link>
        ) : null
      }
    >
      <p>
        <Link to="/fournisseurs">Fournisseurs</Link>
      </p>
      <p className="lead">
        Un modèle ne change plus une fois créé : chaque questionnaire envoyé garde le sens de ses questions.
        Pour une autre formulation, créez un nouveau modèle, au besoin en copiant un modèle existant.
      </p>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ErrorNotice>Les modèles n'ont pas pu être chargés.</ErrorNotice> : null}
      {list.data ? (
        <table className="table">
          <caption className="visually-hidden">Modèles de questionnaire</caption>
          <thead>
            <tr>
              <th scope="col">Modèle</th>
              <th scope="col">Questions</th>
              <th scope="col">Origine</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((t) => (
              <tr key={t.id}>
                <th scope="row">
                  <Link to={`/fournisseurs/modeles/${t.id}`}>{t.name}</Link>
                </th>
                <td>{plural(questionCount(t), 'question')}</td>
                <td>{t.builtin ? 'Modèle intégré à Vigie' : `Créé le ${formatDate(t.createdAt)}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Page>
  );
}

function TemplateNotFound() {
  return (
    <Page title="Modèle introuvable">
      <p>Ce modèle est introuvable : il n’existe pas, ou vous n’y avez pas accès.</p>
      <p>
        <Link to="/fournisseurs/modeles">Retour aux modèles de questionnaire</Link>
      </p>
    </Page>
  );
}

/** A template's sections and questions, with what the vendor never sees: the weights and the choices' points. */
export function TemplatePage() {
  const { id = '' } = useParams();
  const manager = useVendorManager();
  const created = (useLocation().state as { created?: boolean } | null)?.created;
  const detail = useQuery({ queryKey: ['questionnaire-template', id], queryFn: () => readTemplate(id) });
  if (detail.isPending) return <Loading />;
  if (detail.isError)
    return detail.error instanceof ApiError && [400, 404].includes(detail.error.status) ? (
      <TemplateNotFound />
    ) : (
      <Page title="Modèle de questionnaire">
        <ErrorNotice>Le modèle n'a pas pu être chargé.</ErrorNotice>
      </Page>
    );
  const t = detail.data;
  return (
    <Page
      title={t.name}
      actions={
        manager ? (
          <Link className="button button-secondary" to={`/fournisseurs/modeles/nouveau?depuis=${t.id}`}>
            Créer un modèle à partir de celui-ci
          </Link>
        ) : null
      }
    >
      <p>
        <Link to="/fournisseurs">Fournisseurs</Link> ·{' '}
        <Link to="/fournisseurs/modeles">Modèles de questionnaire</Link>
      </p>
      {created ? (
        <div className="notice notice-success" role="status">
          Le modèle « {t.name} » est créé : il peut être envoyé aux fournisseurs.
        </div>
      ) : null}
      <dl className="facts">
        <div>
          <dt>Origine</dt>
          <dd>{t.builtin ? 'Modèle intégré à Vigie' : `Créé le ${formatDate(t.createdAt)}`}</dd>
        </div>
        <div>
          <dt>Questions</dt>
          <dd>
            {plural(t.questionCount, 'question')} en {plural(t.sections.length, 'section')}
          </dd>
        </div>
      </dl>
      {t.description ? <p>{t.description}</p> : null}
      <p className="muted">
        Le poids d’une question et les points de chaque choix servent à la note : le fournisseur ne les voit
        jamais.
      </p>
      {t.sections.map((s, index) => (
        <section key={s.key} aria-labelledby={`section-${s.key}`}>
          <h2 id={`section-${s.key}`}>
            {index + 1}. {s.title}
          </h2>
          <table className="table">
            <caption className="visually-hidden">Questions de la section « {s.title} »</caption>
            <thead>
              <tr>
                <th scope="col">Question</th>
                <th scope="col">Type</th>
                <th scope="col">Obligatoire</th>
                <th scope="col">Poids</th>
                <th scope="col">Justificatif demandé</th>
              </tr>
            </thead>
            <tbody>
              {s.questions.map((q) => {
                const choices =
                  q.type === 'yes-no' && !q.choices?.length ? DEFAULT_YES_NO : (q.choices ?? []);
                return (
                  <tr key={q.key}>
                    <th scope="row">
                      {q.text}
                      {q.help ? <div className="muted">{q.help}</div> : null}
                      {SCORED_TYPES.includes(q.type) && choices.length ? (
                        <ul className="muted">
                          {choices.map((c) => (
                            <li key={c.value}>
                              {c.label} : {plural(c.score ?? 0, 'point')}
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </th>
                    <td>{QUESTION_TYPE_LABELS[q.type]}</td>
                    <td>{q.required ? 'Oui' : 'Non'}</td>
                    <td>{SCORED_TYPES.includes(q.type) ? (q.weight ?? 0) : '—'}</td>
                    <td>{q.evidenceRequested ? 'Oui' : 'Non'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ))}
    </Page>
  );
}
