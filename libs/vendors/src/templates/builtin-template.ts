import type { QuestionChoice, QuestionDefinition, SectionDefinition } from './template-definition';

/** Code of the built-in template (unique, so that start-up creates it once). */
export const BUILTIN_TEMPLATE_CODE = 'vendor-security';

type Options = Partial<Pick<QuestionDefinition, 'help' | 'required' | 'evidenceRequested'>>;

/** A yes-no question; `inverted` when "yes" is the risky answer (it then earns nothing). */
const yesNo = (
  key: string,
  text: string,
  weight: number,
  options: Options & { inverted?: boolean } = {},
): QuestionDefinition => ({
  key,
  text,
  type: 'yes-no',
  required: options.required ?? true,
  weight,
  ...(options.inverted
    ? {
        choices: [
          { value: 'yes', label: 'Oui', score: 0 },
          { value: 'no', label: 'Non', score: 100 },
        ],
      }
    : {}),
  evidenceRequested: options.evidenceRequested ?? false,
  ...(options.help ? { help: options.help } : {}),
});

const choice = (
  key: string,
  text: string,
  weight: number,
  choices: [value: string, label: string, score: number][],
  options: Options & { multiple?: boolean } = {},
): QuestionDefinition => ({
  key,
  text,
  type: options.multiple ? 'multiple-choice' : 'single-choice',
  required: options.required ?? true,
  weight,
  choices: choices.map(([value, label, score]): QuestionChoice => ({ value, label, score })),
  evidenceRequested: options.evidenceRequested ?? false,
  ...(options.help ? { help: options.help } : {}),
});

const info = (
  key: string,
  text: string,
  type: 'text' | 'number' | 'date',
  options: Options = {},
): QuestionDefinition => ({
  key,
  text,
  type,
  required: options.required ?? true,
  weight: 0,
  evidenceRequested: options.evidenceRequested ?? false,
  ...(options.help ? { help: options.help } : {}),
});

/**
 * "Questionnaire sécurité éditeur": what the operator's RSSI asks a software publisher before and during a
 * contract, in twelve themes. Weights say what matters most to a public operator hosting personal (and health)
 * data: certifications, data location, remote maintenance, breach notification, patching and reversibility.
 */
export const BUILTIN_TEMPLATE = {
  code: BUILTIN_TEMPLATE_CODE,
  name: 'Questionnaire sécurité éditeur',
  description:
    "Questionnaire adressé aux éditeurs de logiciels et prestataires SaaS de l'opérateur : gouvernance de la " +
    'sécurité, certifications, hébergement et localisation des données, accès et télémaintenance, chiffrement, ' +
    'journalisation, sauvegardes et continuité, incidents et violations de données, vulnérabilités, ' +
    'développement sécurisé, sous-traitance ultérieure et réversibilité. Joignez les justificatifs demandés.',
  sections: [
    {
      key: 'gouvernance',
      title: 'Gouvernance de la sécurité',
      questions: [
        yesNo(
          'gov-pssi',
          'Disposez-vous d’une politique de sécurité des systèmes d’information (PSSI) approuvée par votre direction et revue au moins tous les deux ans ?',
          4,
          { evidenceRequested: true, help: 'Joignez la PSSI ou son sommaire et sa date de dernière revue.' },
        ),
        info(
          'gov-rssi',
          'Qui est le responsable de la sécurité des systèmes d’information (RSSI) de votre société ? Indiquez son nom, sa fonction et ses coordonnées.',
          'text',
        ),
        info(
          'gov-dpo',
          'Qui est votre délégué à la protection des données (DPO) ? Indiquez son nom et ses coordonnées, ainsi que le numéro de désignation auprès de la CNIL si vous le connaissez.',
          'text',
        ),
        yesNo(
          'gov-awareness',
          'Vos collaborateurs ayant accès aux données de vos clients suivent-ils une sensibilisation à la sécurité et à la protection des données au moins une fois par an ?',
          3,
        ),
        yesNo(
          'gov-confidentiality',
          'Vos collaborateurs et intervenants sont-ils liés par un engagement de confidentialité écrit (contrat de travail, charte ou clause spécifique) ?',
          3,
        ),
      ],
    },
    {
      key: 'certifications',
      title: 'Certifications et qualifications',
      questions: [
        choice(
          'cert-iso27001',
          'Le service fourni à l’opérateur est-il couvert par une certification ISO/IEC 27001 en cours de validité ?',
          6,
          [
            ['full', 'Oui, le service entier est dans le périmètre certifié', 100],
            ['partial', 'Oui, mais seulement une partie du service (par exemple l’hébergement)', 50],
            ['in-progress', 'Non, une certification est en cours', 25],
            ['no', 'Non', 0],
          ],
          { evidenceRequested: true, help: 'Joignez le certificat et sa déclaration d’applicabilité.' },
        ),
        choice(
          'cert-hds',
          'Si le service héberge des données de santé, l’hébergeur est-il certifié HDS (hébergeur de données de santé) pour les activités concernées ?',
          6,
          [
            ['certified', 'Oui, certification HDS en cours de validité', 100],
            ['subcontractor', 'Oui, par l’intermédiaire d’un sous-traitant certifié HDS', 80],
            ['in-progress', 'Non, une certification est en cours', 25],
            ['no', 'Non', 0],
            ['not-applicable', 'Sans objet : aucune donnée de santé n’est hébergée', 100],
          ],
          { evidenceRequested: true, help: 'Joignez le certificat HDS indiquant les activités certifiées.' },
        ),
        choice(
          'cert-other',
          'Quelles autres certifications ou qualifications couvrent le service ?',
          2,
          [
            ['secnumcloud', 'Qualification SecNumCloud (ANSSI)', 100],
            ['soc2', 'Rapport SOC 2 de type II', 50],
            ['iso27701', 'ISO/IEC 27701 (protection de la vie privée)', 50],
            ['iso22301', 'ISO 22301 (continuité d’activité)', 50],
            ['none', 'Aucune', 0],
          ],
          { multiple: true },
        ),
        info(
          'cert-expiry',
          'Quelle est la date d’échéance de votre principal certificat (ISO/IEC 27001 ou HDS) ?',
          'date',
          { required: false },
        ),
      ],
    },
    {
      key: 'hebergement',
      title: 'Hébergement et localisation des données',
      questions: [
        choice(
          'host-location',
          'Où les données de l’opérateur et de ses membres sont-elles stockées et traitées, sauvegardes comprises ?',
          8,
          [
            ['france', 'Exclusivement en France', 100],
            ['eea', 'Dans l’Espace économique européen', 80],
            ['adequate', 'En partie dans un pays bénéficiant d’une décision d’adéquation', 30],
            ['other', 'En partie dans un autre pays hors de l’EEE', 0],
          ],
        ),
        info(
          'host-datacentres',
          'Indiquez l’hébergeur, les centres de données utilisés (ville et pays) et, le cas échéant, le centre de secours.',
          'text',
        ),
        yesNo(
          'host-extraterritorial',
          'Votre société ou l’un de vos sous-traitants est-il soumis à une législation d’un pays tiers permettant à une autorité étrangère d’accéder aux données (par exemple le Cloud Act américain) ?',
          5,
          {
            inverted: true,
            help: 'Si oui, précisez en commentaire les lois concernées et les mesures qui en limitent les effets.',
          },
        ),
        yesNo(
          'host-remote-outside-eea',
          'Des personnes situées hors de l’Espace économique européen (support, infogérance, développement) peuvent-elles accéder aux données ?',
          4,
          { inverted: true },
        ),
      ],
    },
    {
      key: 'acces',
      title: 'Contrôle d’accès et télémaintenance',
      questions: [
        yesNo(
          'access-nominative',
          'Les accès de vos collaborateurs aux environnements de production sont-ils nominatifs, limités au besoin d’en connaître et revus au moins une fois par an ?',
          5,
        ),
        choice(
          'access-mfa',
          'Les accès d’administration et de support sont-ils protégés par une authentification multifacteur ?',
          6,
          [
            ['all', 'Oui, pour tous les accès d’administration et de support', 100],
            ['some', 'Pour une partie seulement de ces accès', 40],
            ['no', 'Non', 0],
          ],
        ),
        choice(
          'access-remote-maintenance',
          'Comment se déroulent vos interventions de télémaintenance sur les systèmes hébergés par l’opérateur ?',
          7,
          [
            [
              'operator-bastion',
              'Uniquement par le bastion de l’opérateur, sur demande autorisée, session tracée',
              100,
            ],
            ['vendor-bastion', 'Par notre propre bastion, sessions tracées et enregistrées', 60],
            ['direct-tool', 'Par un outil de prise en main à distance à l’initiative de l’utilisateur', 20],
            ['permanent', 'Par un accès permanent (VPN ou autre) sans autorisation préalable', 0],
          ],
        ),
        yesNo(
          'access-departure',
          'Les droits d’accès d’un collaborateur qui quitte votre société ou change de fonction sont-ils retirés le jour même ?',
          3,
        ),
        yesNo(
          'access-customer-sso',
          'Le service permet-il l’authentification des agents par la fédération d’identité de l’opérateur (SAML ou OpenID Connect) ?',
          2,
          { required: false },
        ),
      ],
    },
    {
      key: 'chiffrement',
      title: 'Chiffrement',
      questions: [
        yesNo(
          'crypto-transit',
          'Tous les flux de données sont-ils chiffrés en transit avec un protocole à l’état de l’art (TLS 1.2 ou supérieur) ?',
          5,
        ),
        yesNo('crypto-rest', 'Les données et les sauvegardes sont-elles chiffrées au repos ?', 4),
        choice('crypto-keys', 'Qui gère les clés de chiffrement des données de l’opérateur ?', 3, [
          ['customer', 'L’opérateur lui-même (clés maîtrisées par le client)', 100],
          [
            'vendor-hsm',
            'Votre société, dans un module matériel (HSM) ou un service de gestion de clés dédié',
            80,
          ],
          ['vendor', 'Votre société, sans dispositif dédié', 40],
          ['provider', 'Le fournisseur d’infrastructure, sans maîtrise de votre part', 20],
        ]),
      ],
    },
    {
      key: 'journalisation',
      title: 'Journalisation et traçabilité',
      questions: [
        yesNo(
          'log-access',
          'Les accès aux données (consultation, modification, export) et les actions d’administration sont-ils journalisés ?',
          5,
        ),
        info('log-retention', 'Pendant combien de mois conservez-vous ces journaux ?', 'number'),
        yesNo(
          'log-provide',
          'Pouvez-vous fournir à l’opérateur, sur demande, les journaux d’accès aux données de ses membres ?',
          4,
        ),
        yesNo(
          'log-integrity',
          'Les journaux sont-ils protégés contre la modification et centralisés hors des systèmes qu’ils surveillent ?',
          2,
        ),
      ],
    },
    {
      key: 'continuite',
      title: 'Sauvegardes et continuité',
      questions: [
        choice('bcp-backup-frequency', 'À quelle fréquence les données sont-elles sauvegardées ?', 4, [
          ['continuous', 'En continu ou plusieurs fois par jour', 100],
          ['daily', 'Quotidiennement', 80],
          ['weekly', 'Chaque semaine', 30],
          ['less', 'Moins souvent', 0],
        ]),
        yesNo(
          'bcp-offsite',
          'Une copie des sauvegardes est-elle conservée sur un site distinct, hors ligne ou immuable (protection contre les rançongiciels) ?',
          4,
        ),
        yesNo(
          'bcp-restore-tests',
          'Des tests de restauration sont-ils réalisés au moins une fois par an, avec un compte rendu ?',
          4,
          { evidenceRequested: true, help: 'Joignez le compte rendu du dernier test de restauration.' },
        ),
        info(
          'bcp-rto-rpo',
          'Quels sont vos engagements de durée maximale d’interruption (RTO) et de perte de données maximale admissible (RPO) ?',
          'text',
        ),
        yesNo(
          'bcp-plan',
          'Disposez-vous d’un plan de continuité et de reprise d’activité testé au cours des douze derniers mois ?',
          3,
        ),
      ],
    },
    {
      key: 'incidents',
      title: 'Gestion des incidents et notification des violations',
      questions: [
        yesNo(
          'inc-procedure',
          'Disposez-vous d’une procédure écrite de gestion des incidents de sécurité, avec une astreinte joignable en permanence ?',
          4,
        ),
        choice(
          'inc-notification-delay',
          'Dans quel délai vous engagez-vous à notifier à l’opérateur une violation de données personnelles, après en avoir pris connaissance ?',
          7,
          [
            ['24h', 'Dans les 24 heures', 100],
            ['48h', 'Dans les 48 heures', 60],
            ['72h', 'Dans les 72 heures', 20],
            ['none', 'Aucun délai n’est fixé', 0],
          ],
          {
            help: 'L’opérateur et ses membres doivent notifier la CNIL dans les 72 heures (RGPD, art. 33) : un délai plus court de votre part leur est indispensable.',
          },
        ),
        info(
          'inc-contact',
          'Quel est le point de contact (adresse et téléphone) pour signaler ou suivre un incident de sécurité ?',
          'text',
        ),
        yesNo(
          'inc-last-year',
          'Avez-vous subi, au cours des trois dernières années, un incident de sécurité ayant affecté les données de vos clients ?',
          0,
          {
            help: 'Si oui, décrivez en commentaire sa nature et les mesures prises. Cette réponse n’est pas notée.',
          },
        ),
      ],
    },
    {
      key: 'vulnerabilites',
      title: 'Gestion des vulnérabilités',
      questions: [
        choice(
          'vuln-critical-delay',
          'Dans quel délai corrigez-vous une vulnérabilité critique affectant le service (ou fournissez-vous le correctif à l’opérateur) ?',
          6,
          [
            ['7d', 'Sous 7 jours', 100],
            ['30d', 'Sous 30 jours', 60],
            ['90d', 'Sous 90 jours', 20],
            ['none', 'Aucun délai n’est fixé', 0],
          ],
        ),
        choice(
          'vuln-pentest',
          'À quelle fréquence le service fait-il l’objet d’un test d’intrusion par un prestataire indépendant ?',
          4,
          [
            ['yearly', 'Au moins une fois par an', 100],
            ['major-release', 'À chaque version majeure seulement', 50],
            ['never', 'Jamais', 0],
          ],
          {
            evidenceRequested: true,
            help: 'Joignez la synthèse du dernier rapport et l’état des corrections.',
          },
        ),
        yesNo(
          'vuln-watch',
          'Assurez-vous une veille sur les vulnérabilités des composants utilisés (bibliothèques, systèmes, intergiciels) ?',
          3,
        ),
        yesNo(
          'vuln-supported-versions',
          'Tous les composants du service sont-ils dans une version maintenue par leur éditeur (aucun système ou logiciel en fin de support) ?',
          4,
        ),
      ],
    },
    {
      key: 'developpement',
      title: 'Développement sécurisé',
      questions: [
        yesNo(
          'dev-sdlc',
          'Vos développements suivent-ils une démarche de sécurité formalisée (exigences de sécurité, revue de code, analyse statique) ?',
          3,
        ),
        yesNo(
          'dev-environments',
          'Les environnements de développement et de test sont-ils séparés de la production et dépourvus de données personnelles réelles (ou alimentés de données anonymisées) ?',
          4,
        ),
        yesNo(
          'dev-dependencies',
          'Les dépendances logicielles sont-elles inventoriées et analysées automatiquement pour détecter les vulnérabilités connues ?',
          2,
        ),
        yesNo(
          'dev-privacy-by-design',
          'Le produit permet-il d’appliquer les durées de conservation et de purger ou d’anonymiser les données arrivées à échéance ?',
          3,
        ),
      ],
    },
    {
      key: 'sous-traitance',
      title: 'Sous-traitance ultérieure',
      questions: [
        info(
          'sub-list',
          'Listez vos sous-traitants ultérieurs ayant accès aux données (nom, service rendu, pays de traitement).',
          'text',
          { help: 'Hébergeur, infogérance, support, envoi de courriels ou de SMS, outils de supervision…' },
        ),
        yesNo(
          'sub-authorisation',
          'Soumettez-vous à l’autorisation écrite préalable de l’opérateur tout ajout ou remplacement d’un sous-traitant ultérieur ?',
          5,
        ),
        yesNo(
          'sub-flowdown',
          'Vos contrats avec vos sous-traitants ultérieurs leur imposent-ils les mêmes obligations de protection des données que celles qui vous lient à l’opérateur ?',
          4,
        ),
      ],
    },
    {
      key: 'reversibilite',
      title: 'Réversibilité et fin de contrat',
      questions: [
        yesNo(
          'rev-plan',
          'Un plan de réversibilité (procédure, délais, coûts) est-il prévu au contrat ?',
          5,
          { evidenceRequested: true },
        ),
        choice('rev-format', 'Dans quel format les données sont-elles restituées en fin de contrat ?', 5, [
          ['open-documented', 'Format ouvert et documenté (CSV, XML, JSON, SQL…) avec sa description', 100],
          ['open', 'Format ouvert sans documentation', 60],
          ['proprietary', 'Format propriétaire', 10],
          ['none', 'Aucune restitution n’est prévue', 0],
        ]),
        yesNo(
          'rev-destruction',
          'Vous engagez-vous à détruire toutes les copies des données (sauvegardes comprises) après la restitution et à remettre un certificat de destruction ?',
          5,
        ),
        info(
          'rev-delay',
          'En combien de jours ouvrés pouvez-vous restituer l’intégralité des données à la fin du contrat ?',
          'number',
        ),
      ],
    },
  ] satisfies SectionDefinition[],
};
