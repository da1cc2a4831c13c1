import { Page } from '../ui/page';

/** The accessibility statement (RGAA 4.1), honest about what was tested. */
export function AccessibilityPage() {
  return (
    <Page title="Accessibilité" heading="Déclaration d'accessibilité">
      <div className="prose">
        <p>
          Le SIIM94 s'engage à rendre Vigie accessible conformément à l'article 47 de la loi n° 2005-102 du 11
          février 2005. Cette déclaration s'applique à l'application Vigie utilisée par le SIIM94 et ses
          communes membres.
        </p>
        <h2>État de conformité</h2>
        <p>
          Vigie est <strong>non conforme</strong> au référentiel général d'amélioration de l'accessibilité
          (RGAA), version 4.1 : aucun audit de conformité n'a encore été réalisé. Cette mention est la seule
          qu'autorise l'absence d'audit.
        </p>
        <h2>Ce qui a été vérifié</h2>
        <ul>
          <li>
            Chaque page parcourue par les tests automatisés (connexion, tableau de bord, registre, fiche et
            formulaire d'un traitement, mon compte, cette page) est analysée par l'outil axe-core : aucune
            anomalie grave ou critique n'y est relevée.
          </li>
          <li>
            La connexion et la saisie d'un traitement sont réalisées au clavier seul, dans ces mêmes tests.
          </li>
          <li>
            Chaque page a un titre, une langue déclarée (français), un lien d'évitement « Aller au contenu »,
            des zones de navigation identifiées et un seul titre de niveau 1 ; chaque champ a une étiquette,
            les champs obligatoires sont signalés par « (obligatoire) » et les erreurs sont reliées à leur
            champ.
          </li>
        </ul>
        <h2>Ce qui n'a pas été vérifié</h2>
        <ul>
          <li>
            La restitution par les lecteurs d'écran (NVDA, JAWS, VoiceOver) n'a pas été testée par une
            personne.
          </li>
          <li>Les documents PDF produits par Vigie ne sont pas balisés pour l'accessibilité.</li>
          <li>
            Les contrastes ont été vérifiés automatiquement, pas à la main sur chaque état des composants.
          </li>
        </ul>
        <h2>Retour d'information et contact</h2>
        <p>
          Si vous ne pouvez pas accéder à un contenu ou à un service, contactez le SIIM94 (le support de votre
          commune vous indique ses coordonnées) pour être orienté vers une alternative accessible ou obtenir
          le contenu sous une autre forme.
        </p>
        <h2>Voies de recours</h2>
        <p>
          Si vous avez signalé un défaut d'accessibilité sans obtenir de réponse satisfaisante, vous pouvez
          saisir le Défenseur des droits (formulaire en ligne, délégué de votre région, ou courrier gratuit
          sans affranchissement : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07).
        </p>
      </div>
    </Page>
  );
}
