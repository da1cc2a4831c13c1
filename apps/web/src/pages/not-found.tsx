import { Link } from 'react-router';
import { Page } from '../ui/page';

export function NotFoundPage() {
  return (
    <Page title="Page introuvable">
      <p>Cette adresse ne correspond à aucune page de Vigie.</p>
      <p>
        <Link to="/">Retour au tableau de bord</Link>
      </p>
    </Page>
  );
}
