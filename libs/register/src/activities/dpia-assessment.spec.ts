import { screenDpia } from '../dpia/dpia-screening';
import {
  checkDpiaAssessment,
  DPIA_REQUIRED_MESSAGE,
  DpiaAssessment,
  dpiaAssessmentFields,
  dpiaAssessmentWarnings,
  dpiaValidationError,
} from './dpia-assessment';

const required = screenDpia({
  dpiaCriteria: ['vulnerable-subjects', 'matching-datasets'],
  cnilListItems: [],
  specialCategories: [],
  dataSubjects: [],
});
const notRequired = screenDpia({
  dpiaCriteria: [],
  cnilListItems: [],
  specialCategories: [],
  dataSubjects: [],
});
const recorded = { recordedAt: '2026-11-30T10:00:00.000Z', recordedBy: null };
const decision = {
  outcome: 'not-carried-out' as const,
  reason: 'Registre déclaratif limité, données minimisées',
  decidedAt: '2026-11-30T10:00:00.000Z',
  decidedBy: null,
};

describe('DPIA carried out', () => {
  it('blocks the validation of an entry whose screening requires a DPIA, saying what is missing', () => {
    expect(dpiaValidationError(required, null)).toEqual({
      field: 'dpiaAssessment',
      message: DPIA_REQUIRED_MESSAGE,
    });
    expect(dpiaValidationError(required, { status: 'in-progress', ...recorded })?.message).toContain(
      'en cours',
    );
    expect(dpiaValidationError(notRequired, null)).toBeNull();
  });

  it('lets it through once the DPIA is done or the DPO decided not to carry one out', () => {
    expect(dpiaValidationError(required, { status: 'done', ...recorded })).toBeNull();
    const decided = screenDpia({
      dpiaCriteria: ['vulnerable-subjects', 'matching-datasets'],
      cnilListItems: [],
      specialCategories: [],
      dataSubjects: [],
      decision: { ...decision, criteria: ['vulnerable-subjects', 'matching-datasets'] },
    });
    expect(dpiaValidationError(decided, null)).toBeNull();
  });

  it('asks again when the decision predates a change of the criteria', () => {
    const stale = screenDpia({
      dpiaCriteria: ['vulnerable-subjects', 'matching-datasets'],
      cnilListItems: [],
      specialCategories: [],
      dataSubjects: [],
      decision: { ...decision, criteria: ['vulnerable-subjects'] },
    });
    expect(dpiaValidationError(stale, null)?.message).toContain('réexaminée');
  });

  it('checks the dates: in order, none in the future, no end to a DPIA in progress', () => {
    const today = '2026-12-01';
    expect(
      checkDpiaAssessment({ status: 'done', startedAt: '2026-09-01', completedAt: today }, today),
    ).toEqual([]);
    expect(
      checkDpiaAssessment({ status: 'done', startedAt: '2026-10-01', completedAt: '2026-09-01' }, today).map(
        (e) => e.field,
      ),
    ).toEqual(['completedAt']);
    expect(
      checkDpiaAssessment(
        { status: 'in-progress', startedAt: '2027-01-01', completedAt: '2026-11-01' },
        today,
      ).map((e) => e.field),
    ).toEqual(['completedAt', 'startedAt', 'completedAt']);
  });

  it('warns of Art. 36 when the residual risk is high and the CNIL was not consulted', () => {
    const high: DpiaAssessment = { status: 'done', residualRisk: 'high', ...recorded };
    expect(dpiaAssessmentWarnings(high)).toEqual([
      expect.objectContaining({
        field: 'dpiaAssessment.priorConsultation',
        message: expect.stringMatching(/^Art\. 36 du RGPD/),
      }),
    ]);
    expect(dpiaAssessmentWarnings({ ...high, priorConsultation: false })).toHaveLength(1);
    expect(dpiaAssessmentWarnings({ ...high, priorConsultation: true })).toEqual([]);
    expect(dpiaAssessmentWarnings({ ...high, residualRisk: 'medium' })).toEqual([]);
    expect(dpiaAssessmentWarnings(null)).toEqual([]);
  });

  it('is written in French for the sheet', () => {
    expect(
      dpiaAssessmentFields(
        {
          status: 'done',
          startedAt: '2026-09-01',
          completedAt: '2026-11-15',
          reference: 'AIPD-2026-03',
          residualRisk: 'medium',
          priorConsultation: false,
          conclusion: 'Risques maîtrisés',
          ...recorded,
        },
        (ymd) => ymd.split('-').reverse().join('/'),
      ),
    ).toEqual([
      ['AIPD menée', 'AIPD réalisée'],
      ['Début', '01/09/2026'],
      ['Achèvement', '15/11/2026'],
      ['Référence du document', 'AIPD-2026-03'],
      ['Risque résiduel', 'Modéré'],
      ['Consultation préalable de la CNIL (art. 36)', 'Non'],
      ['Conclusion', 'Risques maîtrisés'],
    ]);
  });
});
