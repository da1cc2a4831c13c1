import { SIIM94 } from '@vigie/reference-data';
import { PURPOSE_FR } from './catalog-demo.seeder';

describe('Demo catalog purposes', () => {
  it('gives every reference application a purpose in French', () => {
    for (const application of SIIM94.applications) {
      const purpose = PURPOSE_FR[application.name];
      expect({ name: application.name, purpose }).toEqual({
        name: application.name,
        purpose: expect.any(String),
      });
      expect({
        name: application.name,
        english: /\b(and|of|the|for|management|online|being|records?)\b/i.test(purpose),
      }).toEqual({
        name: application.name,
        english: false,
      });
    }
  });
});
