import { RequestContext } from '@vigie/core';
import { DemoSeeder, DemoWorld, OrganisationsService } from '@vigie/identity';
import { SIIM94 } from '@vigie/reference-data';
import { EntityManager } from 'typeorm';
import { Hosting } from './application.entity';
import { ApplicationsService } from './applications.service';
import { DeploymentsService } from './deployments.service';

/** Vendors of the reference catalog that are not demo vendors yet, created as vendor organisations. */
const EXTRA_VENDORS = [
  { shortName: 'CEGEDIM', name: 'Cegedim' },
  { shortName: 'DOCTOLIB', name: 'Doctolib' },
  { shortName: 'NEOLEDGE', name: 'Neoledge' },
];

/** Vendor organisation (short name) of the reference applications, where the report or the name tells it. */
const VENDOR_OF: Record<string, string> = {
  'BL Social': 'BERGER-LEVRAULT',
  'SEDIT RH': 'BERGER-LEVRAULT',
  'AIRS Délib': 'DIGITECH',
  Crossway: 'CEGEDIM',
  Doctolib: 'DOCTOLIB',
  ELISE: 'NEOLEDGE',
};

/** The purpose of each reference application in French (the activity report's summary is in English). */
export const PURPOSE_FR: Record<string, string> = {
  'BL Social': 'Gestion des aides sociales et des dossiers du CCAS',
  'AS Web': 'Gestion des aides sociales (en cours de remplacement par BL Social)',
  'AIRS Délib': 'Délibérations du conseil et actes administratifs',
  Crossway: 'Dossier patient informatisé des centres municipaux de santé (CMS)',
  Maidis: 'Dossier patient (en cours de remplacement par Crossway)',
  Doctolib: 'Prise de rendez-vous en ligne dans les centres de santé',
  Hexalis: 'Gestion du laboratoire d’analyses',
  'Kiosque familles': 'Portail familles en ligne : inscriptions, factures et paiement en ligne',
  Polyfac: 'Facturation de la restauration scolaire et des centres de loisirs',
  Concerto: 'Inscriptions et facturation de la petite enfance (crèches)',
  Coriolis: 'Budget et comptabilité',
  'SEDIT RH': 'Gestion des ressources humaines et paie',
  ELISE: 'Suivi du courrier multicanal',
  LegalBox: 'Circuit de signature électronique (parapheur)',
  Maximilien: 'Plateforme des marchés publics',
  Adagio: 'Listes électorales et élections',
  Alto: 'Demandes d’actes d’état civil',
  Maestro: 'Recensement citoyen',
  Mélodie: 'Registres de l’état civil',
  Requiem: 'Gestion des cimetières',
  Pelehas: 'Demandes de logement social',
  PIH: 'Gestion locative du bailleur social : baux, loyers, entretien',
  ULIS: 'Progiciel de gestion intégré du bailleur social',
  WebDoss: 'Dossiers d’urbanisme',
  Astech: 'Services techniques et maintenance des bâtiments',
  INSER: 'Suivi de l’insertion professionnelle',
  Agora: 'Circuits de documents',
  GLPI: 'Demandes d’assistance informatique et inventaire du parc',
  'SharePoint portals': 'Portails intranet et gestion documentaire',
  'Business Objects': 'Aide à la décision (tableaux de bord RH et finances)',
};

const OPERATOR_MEASURES = [
  'Hébergement dans les salles informatiques du SIIM94 (Ivry-sur-Seine), accès physique badgé et journalisé',
  'Sauvegardes quotidiennes chiffrées, copie externalisée et tests de restauration',
  "Authentification des agents par l'annuaire du SIIM94 et habilitations par profil",
  'Journalisation des accès applicatifs conservée un an',
  'Correctifs de sécurité appliqués selon la politique de maintien en condition de sécurité',
  'Flux chiffrés (TLS) entre les postes des agents et les serveurs',
];
const OPERATOR_HEALTH_MEASURES = [
  'Hébergement de données de santé : périmètre de la certification HDS en cours du SIIM94',
  'Chiffrement des bases de données au repos',
];
const SAAS_MEASURES = [
  "Hébergement certifié HDS et ISO/IEC 27001 assuré par l'éditeur, en France",
  'Chiffrement des données au repos et en transit',
  'Authentification forte des professionnels de santé',
];

/** Demo data: every application of the reference catalog, its vendor and the members that use it. */
export class CatalogDemoSeeder implements DemoSeeder {
  readonly order = 10;
  readonly name = 'application catalog';

  constructor(
    private readonly organisations: OrganisationsService,
    private readonly applications: ApplicationsService,
    private readonly deployments: DeploymentsService,
  ) {}

  async seed(manager: EntityManager, ctx: RequestContext, world: DemoWorld): Promise<void> {
    for (const vendor of EXTRA_VENDORS) {
      if (world.organisations.has(vendor.shortName)) continue;
      const organisation = await this.organisations.insert(manager, ctx, {
        ...vendor,
        kind: 'vendor',
        siren: null,
      });
      world.organisations.set(vendor.shortName, organisation.id);
    }
    for (const reference of SIIM94.applications) {
      const health = (reference as { health?: boolean }).health === true;
      const hosting: Hosting =
        (reference as { hosting?: string }).hosting === 'vendor SaaS' ? 'vendor-saas' : 'operator';
      const vendor = VENDOR_OF[reference.name];
      const application = await this.applications.insert(manager, ctx, {
        name: reference.name,
        domain: reference.domain,
        purpose: PURPOSE_FR[reference.name] ?? reference.purpose,
        vendorId: vendor ? (world.organisations.get(vendor) ?? null) : null,
        hosting,
        dataLocation: 'FR',
        healthData: health,
        securityMeasures:
          hosting === 'vendor-saas'
            ? SAAS_MEASURES
            : health
              ? [...OPERATOR_MEASURES, ...OPERATOR_HEALTH_MEASURES]
              : OPERATOR_MEASURES,
      });
      for (const member of reference.usedBy ?? []) {
        const organisationId = world.organisations.get(member);
        if (organisationId) await this.deployments.insert(manager, ctx, application.id, organisationId);
      }
    }
  }
}
