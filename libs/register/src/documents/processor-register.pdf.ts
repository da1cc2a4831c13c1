import { formatDateFr, formatNumberFr, PdfReport } from '@vigie/documents';
import { formatAddress, formatReachability } from '@vigie/identity';
import type { ProcessorRegister } from '../processor/processor-register.service';
import { DPO_WARNING, dpoText, partyFields } from './controller-block';

const HOSTING_LABELS: Record<string, string> = {
  operator: 'Centres de données du sous-traitant',
  'vendor-saas': "SaaS de l'éditeur",
  member: 'Locaux du responsable du traitement',
};

/** The operator's register as a processor (Art. 30.2): one part per controller, one sheet per application. */
export async function renderProcessorRegisterPdf(register: ProcessorRegister): Promise<Buffer> {
  const title = `Registre des catégories d'activités de traitement — ${register.processor.name}`;
  const lines = register.controllers.reduce((sum, c) => sum + c.applications.length, 0);
  return PdfReport.render(
    { title, organisationName: register.processor.name, generatedAt: register.generatedAt },
    (report) => {
      report.title(
        "Registre des catégories d'activités de traitement",
        'Article 30.2 du RGPD — tenu par le sous-traitant pour le compte de ses membres',
      );
      report.fields([
        ...partyFields('Sous-traitant', register.processor, { representative: true }),
        ['Date du registre', formatDateFr(register.generatedAt)],
        ['Responsables du traitement', formatNumberFr(register.controllers.length)],
        ['Applications hébergées pour leur compte', formatNumberFr(lines)],
      ]);
      if (!register.processor.dpo?.name) report.paragraph(DPO_WARNING);
      report.table(
        [
          { header: 'Responsable du traitement', width: 3 },
          { header: 'DPO', width: 2.5 },
          { header: 'Applications', width: 1, align: 'right' },
        ],
        register.controllers.map((c) => [c.name, c.dpo?.name || 'DPO non désigné', c.applications.length]),
        'Aucun déploiement',
      );
      for (const controller of register.controllers) {
        report.pageBreak();
        report.title(
          controller.name,
          'Responsable du traitement pour le compte duquel le sous-traitant agit',
        );
        report.fields([
          ['Adresse', formatAddress(controller.contact)],
          ['Contact', formatReachability(controller.contact)],
          ['Délégué à la protection des données', dpoText(controller.dpo)],
        ]);
        if (!controller.dpo?.name) report.paragraph(DPO_WARNING);
        for (const application of controller.applications) {
          report.heading(application.name);
          report.fields([
            ['Domaine', application.domain],
            ['Hébergement', HOSTING_LABELS[application.hosting] ?? application.hosting],
          ]);
          report.heading('Catégories de traitements effectués', 2);
          report.bullets([
            ...application.categoriesOfProcessing,
            ...application.processingActivities.map((name) => `Traitement du responsable : ${name}`),
          ]);
          report.heading('Sous-traitants ultérieurs', 2);
          report.bullets(
            application.subProcessors.map((s) => `${s.name} — ${s.role}`),
            'Aucun sous-traitant ultérieur',
          );
          report.heading("Transferts hors de l'Espace économique européen", 2);
          report.bullets(
            application.transfers.map((t) => `${t.countryName} (${t.country}) : ${t.description}`),
            "Aucun transfert hors de l'Espace économique européen",
          );
          report.heading('Mesures de sécurité', 2);
          report.bullets(application.securityMeasures, 'Aucune mesure déclarée');
        }
      }
    },
  );
}
