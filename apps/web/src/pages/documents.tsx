import { useQuery } from '@tanstack/react-query';
import { documentsOf } from '../api/lists';
import { formatDateTime, plural } from '../format';
import { useSession } from '../session';
import { ErrorNotice, Loading, Page } from '../ui/page';

const size = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} Ko`
    : `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} Mo`;

export default function DocumentsPage() {
  const { current } = useSession();
  const orgId = current?.organisationId ?? '';
  const documents = useQuery({
    queryKey: ['documents', orgId],
    queryFn: () => documentsOf(orgId),
    enabled: !!orgId,
  });
  return (
    <Page title="Documents" heading="Documents produits">
      <p className="lead">
        {current?.organisationName} — chaque document produit par Vigie est conservé avec son empreinte
        SHA-256.
      </p>
      {documents.isPending && orgId ? <Loading /> : null}
      {documents.isError ? <ErrorNotice>Les documents n'ont pas pu être chargés.</ErrorNotice> : null}
      {documents.data ? (
        <>
          <p role="status">{plural(documents.data.total, 'document')}</p>
          {documents.data.items.length > 0 ? (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Document</th>
                  <th scope="col">Produit le</th>
                  <th scope="col">Taille</th>
                  <th scope="col">Empreinte SHA-256</th>
                </tr>
              </thead>
              <tbody>
                {documents.data.items.map((d) => (
                  <tr key={d.id}>
                    <th scope="row">
                      <a href={`/api/v1/documents/${d.id}/content`} download>
                        {d.title}
                      </a>
                    </th>
                    <td>{formatDateTime(d.createdAt)}</td>
                    <td>{size(d.size)}</td>
                    <td>
                      <code className="hash">{d.sha256}</code>
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
