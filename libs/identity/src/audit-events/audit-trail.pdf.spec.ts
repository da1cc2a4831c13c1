import { pdfText } from '../../../../test/support/pdf-text';
import type { AuditEventView } from './audit-events.service';
import { actionLabelFr, displayValue, idsOf, renderAuditTrailPdf } from './audit-trail.pdf';

const ORG = '11111111-1111-4111-8111-111111111111';
const USER = '22222222-2222-4222-8222-222222222222';
const ACTIVITY = '33333333-3333-4333-8333-333333333333';
const APP = '44444444-4444-4444-8444-444444444444';
const names = new Map([
  [ORG, 'Mairie de Villeneuve-Saint-Georges'],
  [USER, 'Claire Martin'],
  [ACTIVITY, 'Restauration scolaire'],
  [APP, 'Polyfac'],
]);

function event(extra: Partial<AuditEventView>): AuditEventView {
  return {
    id: 'e1',
    at: new Date('2026-12-01T13:05:00Z'),
    actorId: USER,
    organisationId: ORG,
    action: 'processing-activity.update',
    entity: 'processing-activity',
    entityId: ACTIVITY,
    changes: {},
    requestId: 'r1',
    ...extra,
  };
}

describe('Audit trail in French', () => {
  it('names actions and kinds of records in French', () => {
    expect(actionLabelFr('processing-activity.validate', 'processing-activity')).toBe(
      'Validation · fiche de traitement',
    );
    expect(actionLabelFr('breach.notified', 'breach')).toBe('Notification à la CNIL · violation de données');
    expect(actionLabelFr('contract.clause.update', 'contract')).toBe('Modification · clause de contrat');
  });

  it('shows recorded values without JSON or ids: names, French dates, yes/no, labels', () => {
    expect(displayValue([APP], names)).toBe('Polyfac');
    expect(displayValue('2026-12-01', names)).toBe('1er décembre 2026');
    expect(displayValue('2026-12-01T13:05:00.000Z', names)).toBe('1er décembre 2026 à 14\u00a0h\u00a005');
    expect(displayValue(true, names)).toBe('oui');
    expect(displayValue(null, names)).toBe('vide');
    expect(displayValue('validated', names)).toBe('validée');
    expect(displayValue([{ description: 'Facturer', legalBasis: 'public-task' }], names)).toBe(
      '(Description : Facturer, Base légale : mission d’intérêt public (art. 6.1.e))',
    );
    expect(displayValue('55555555-5555-4555-8555-555555555555', names)).toBe(
      'élément supprimé ou hors de votre périmètre',
    );
  });

  it('collects every id an event mentions, to name them', () => {
    expect(
      idsOf(
        event({
          changes: { applicationIds: { before: [], after: [APP] }, ownerId: { before: null, after: USER } },
        }),
      ).sort(),
    ).toEqual([USER, ACTIVITY, APP].sort());
  });

  it('renders a trail whose rows name the author, the record and the changes', async () => {
    const bytes = await renderAuditTrailPdf(
      'Mairie de Villeneuve-Saint-Georges',
      [
        event({
          changes: {
            id: { before: null, after: ACTIVITY },
            status: { before: 'draft', after: 'validated' },
            applicationIds: { before: [], after: [APP] },
          },
        }),
      ],
      names,
      new Date('2026-12-01T13:10:00Z'),
    );
    const { flat } = await pdfText(bytes);
    expect(flat).toContain('Claire Martin');
    expect(flat).toContain('Modification · fiche de traitement Restauration scolaire');
    expect(flat).toContain('Statut : brouillon → validée');
    expect(flat).toContain('Applications : Polyfac');
    expect(flat).toContain('1 évènement enregistré');
    expect(flat).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}|[{}"]/);
  });
});
