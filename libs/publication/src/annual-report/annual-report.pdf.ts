import { formatNumberFr, formatPercentFr, PdfReport } from '@vigie/documents';
import { dateFr } from '../french-date';
import type { AnnualReportFigures } from './annual-report-figures';

const n = (value: number) => formatNumberFr(value);

/** The DPO's annual report as a PDF, in French, for the member's council. */
export function renderAnnualReportPdf(f: AnnualReportFigures): Promise<Buffer> {
  const title = `Bilan annuel ${f.year} du délégué à la protection des données`;
  return PdfReport.render(
    {
      title: `${title} — ${f.organisation.name}`,
      organisationName: f.organisation.name,
      generatedAt: f.generatedAt,
    },
    (report) => {
      report.title(title, `${f.organisation.name} — du 1er janvier au 31 décembre ${f.year}`);
      report.paragraph(
        `Ce bilan rend compte au responsable du traitement de l'activité de l'année ${f.year} en matière de protection des données personnelles (articles 38 et 39 du RGPD). Les chiffres de l'année portent sur les faits datés de ${f.year} ; l'état du registre et les actions restant à mener sont ceux du ${dateFr(f.generatedAt)}.`,
      );

      report.heading('1. Registre des activités de traitement');
      const r = f.register;
      report.fields([
        ['Fiches validées', n(r.byStatus.validated)],
        ['Fiches en brouillon', n(r.byStatus.draft)],
        ['Fiches archivées', n(r.byStatus.archived)],
        [`Fiches créées en ${f.year}`, n(r.createdInYear)],
        [`Fiches validées en ${f.year}`, n(r.validatedInYear)],
        [`Fiches revues et validées à nouveau en ${f.year}`, n(r.reviewedInYear)],
        ['Révisions en retard', n(r.overdueReviews.length)],
      ]);
      report.barChart('Fiches du registre par statut', [
        { label: 'Validées', value: r.byStatus.validated },
        { label: 'Brouillons', value: r.byStatus.draft },
        { label: 'Archivées', value: r.byStatus.archived },
      ]);
      if (r.overdueReviews.length > 0) {
        report.heading('Fiches dont la révision est en retard', 2);
        report.table(
          [
            { header: 'Traitement', width: 4 },
            { header: 'Révision prévue le', width: 2 },
          ],
          r.overdueReviews.map((o) => [o.name, dateFr(o.reviewDate)]),
        );
      }

      report.heading('2. Analyses d’impact relatives à la protection des données (AIPD)');
      const d = f.dpia;
      report.fields([
        ['Traitements examinés (registre en cours)', n(d.screened)],
        ['AIPD requises selon l’examen', n(d.required)],
        ['AIPD réalisées', n(d.carriedOut)],
        ['AIPD en cours', n(d.inProgress)],
        ['AIPD écartées par une décision motivée du délégué', n(d.decidedNotCarriedOut)],
        ['AIPD restant à mener', n(d.pending.length)],
      ]);
      if (d.pending.length > 0) report.bullets(d.pending.map((p) => p.name));

      report.heading('3. Violations de données personnelles');
      const b = f.breaches;
      if (b.total === 0)
        report.paragraph(`Aucune violation de données n’a été constatée en ${f.year}.`, { muted: true });
      else {
        report.fields([
          [`Violations constatées en ${f.year}`, n(b.total)],
          ['À notifier à la CNIL (risque pour les personnes)', n(b.notifiable)],
          ['Notifiées à la CNIL dans les 72 heures', n(b.notifiedInTime)],
          ['Notifiées à la CNIL après 72 heures', n(b.notifiedLate)],
          ['À notifier, délai de 72 heures dépassé', n(b.notNotifiedOverdue)],
          ['Sans risque pour les personnes (non notifiées)', n(b.notNotifiable)],
          ['Risque élevé (information des personnes, art. 34)', n(b.highRisk)],
          ['Personnes concernées informées', n(b.subjectsInformed)],
          ['Non clôturées à ce jour', n(b.stillOpen)],
        ]);
        report.barChart('Notification des violations à la CNIL', [
          { label: 'Dans les 72 heures', value: b.notifiedInTime },
          { label: 'Après 72 heures', value: b.notifiedLate },
          { label: 'Délai dépassé, non notifiée', value: b.notNotifiedOverdue },
          { label: 'Non notifiable', value: b.notNotifiable },
        ]);
      }

      report.heading('4. Demandes d’exercice des droits');
      const rights = f.rights;
      if (rights.total.total === 0)
        report.paragraph(`Aucune demande d’exercice des droits n’a été reçue en ${f.year}.`, { muted: true });
      else {
        const inTime = rights.total.total - rights.total.open;
        report.paragraph(
          `${n(rights.total.total)} demande(s) reçue(s) en ${f.year} ; ${n(rights.total.answeredInTime)} traitée(s) dans le délai` +
            (inTime > 0
              ? ` (${formatPercentFr(rights.total.answeredInTime / inTime)} des demandes closes)`
              : '') +
            `, ${n(rights.total.extended)} prolongée(s), ${n(rights.total.late)} en retard, ${n(rights.total.open)} en cours.`,
        );
        report.barChart(
          'Demandes reçues par droit exercé',
          rights.byRight.map((line) => ({ label: line.label, value: line.total })),
        );
        report.table(
          [
            { header: 'Droit exercé', width: 2.6 },
            { header: 'Reçues', width: 1.2, align: 'right' },
            { header: 'Dans le délai', width: 1.3, align: 'right' },
            { header: 'Prolongées', width: 1.3, align: 'right' },
            { header: 'En retard', width: 1.2, align: 'right' },
            { header: 'En cours', width: 1.2, align: 'right' },
          ],
          [...rights.byRight, rights.total].map((l) => [
            l.label,
            n(l.total),
            n(l.answeredInTime),
            n(l.extended),
            n(l.late),
            n(l.open),
          ]),
        );
      }

      report.heading('5. Revues des habilitations');
      const a = f.accessReviews;
      if (a.byApplication.length === 0)
        report.paragraph(`Aucune revue des habilitations n’a été ouverte en ${f.year}.`, { muted: true });
      else {
        report.table(
          [
            { header: 'Application', width: 1.8 },
            { header: 'Revues', width: 1, align: 'right' },
            { header: 'Comptes', width: 1.1, align: 'right' },
            { header: 'Examinés', width: 1.2, align: 'right' },
            { header: 'Maintenus', width: 1.3, align: 'right' },
            { header: 'Retirés', width: 1.1, align: 'right' },
            { header: 'Modifiés', width: 1.2, align: 'right' },
          ],
          [...a.byApplication, a.total].map((l) => [
            l.application,
            n(l.campaigns),
            n(l.accounts),
            n(l.reviewed),
            n(l.kept),
            n(l.revoked),
            n(l.modified),
          ]),
        );
        report.barChart('Décisions sur les comptes examinés', [
          { label: 'Maintenus', value: a.total.kept },
          { label: 'Retirés', value: a.total.revoked },
          { label: 'Modifiés', value: a.total.modified },
        ]);
      }
      report.fields([
        ['Revues en cours à ce jour', n(a.campaignsInProgress)],
        ['Retraits ou modifications de droits restant à appliquer', n(a.remediationOpen)],
      ]);

      report.heading('6. Assurance des fournisseurs des applications');
      report.table(
        [
          { header: 'Application', width: 2.6 },
          { header: 'Éditeur', width: 2.4 },
          { header: 'Questionnaire', width: 2, align: 'right' },
          { header: 'Points d’attention', width: 4 },
        ],
        f.vendors.map((v) => [
          v.application,
          v.vendor,
          v.questionnaireScore === null ? null : `${n(v.questionnaireScore)} / 100`,
          v.alerts.length ? v.alerts.join(' ; ') : 'Aucun',
        ]),
        'Aucune application n’est déployée pour la structure.',
      );

      report.heading('7. Actions restant à mener');
      if (f.openActions.length === 0)
        report.paragraph('Aucune action ne reste à mener à ce jour.', { muted: true });
      else
        report.table(
          [
            { header: 'Action', width: 6 },
            { header: 'Nombre', width: 1, align: 'right' },
          ],
          f.openActions.map((action) => [action.label, n(action.count)]),
        );
    },
  );
}
