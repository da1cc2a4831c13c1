import type { Organisation } from '@vigie/identity';
import type { ProcessingActivity } from '@vigie/register';
import { dpiaAssessmentStatus } from '../annual-report/annual-report.service';
import { publicDpoContact } from './controller-contact';

const organisation = (extra: object) => ({ id: 'o', name: 'Mairie', ...extra }) as unknown as Organisation;

describe('the hooks on the organisation and entry details', () => {
  it('reads the DPO designated on the organisation, trimmed, and nothing else', () => {
    expect(publicDpoContact(organisation({}))).toBeNull();
    expect(publicDpoContact(organisation({ dpo: null }))).toBeNull();
    expect(publicDpoContact(organisation({ dpo: { name: ' ', email: '' } }))).toBeNull();
    expect(
      publicDpoContact(
        organisation({
          dpo: { name: ' Délégué mutualisé ', email: 'dpd@siim94.test', designationReference: 'DPO-1234' },
        }),
      ),
    ).toEqual({ name: 'Délégué mutualisé', email: 'dpd@siim94.test', phone: null });
  });

  it('reads the state of a DPIA recorded on an entry, when there is one', () => {
    const entry = (extra: object) => extra as unknown as ProcessingActivity;
    expect(dpiaAssessmentStatus(entry({}))).toBeNull();
    expect(dpiaAssessmentStatus(entry({ dpiaAssessment: null }))).toBeNull();
    expect(dpiaAssessmentStatus(entry({ dpiaAssessment: { status: 'done' } }))).toBe('done');
    expect(dpiaAssessmentStatus(entry({ dpiaAssessment: { status: 'in-progress' } }))).toBe('in-progress');
    expect(dpiaAssessmentStatus(entry({ dpiaAssessment: { status: 'planned' } }))).toBeNull();
  });
});
