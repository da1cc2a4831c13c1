import { pdfText } from '../../../../test/support/pdf-text';
import type { ProcessorRegister } from '../processor/processor-register.service';
import { renderProcessorRegisterPdf } from './processor-register.pdf';

function register(overrides: Partial<ProcessorRegister['processor']> = {}): ProcessorRegister {
  return {
    processor: {
      organisationId: 'op',
      name: 'SIIM94',
      contact: { address: '2 rue Robert-Witchitz', postalCode: '94200', city: 'Ivry-sur-Seine' },
      representative: { name: 'Hélène Morel', title: 'Présidente du comité syndical' },
      dpo: { name: 'Marc Duval', email: 'dpo@siim94.demo', phone: '01 99 00 94 10' },
      ...overrides,
    },
    generatedAt: new Date('2026-12-01T09:00:00Z'),
    controllers: [
      {
        organisationId: 'villejuif',
        name: 'Mairie de Villejuif',
        shortName: 'VILLEJUIF',
        contact: { address: 'Esplanade Pierre-Yves-Cosnier', postalCode: '94800', city: 'Villejuif' },
        dpo: null,
        dpoNames: ['Compte DPO'],
        applications: [
          {
            applicationId: 'app',
            name: 'BL Social',
            domain: 'Action sociale',
            hosting: 'operator',
            categoriesOfProcessing: ['Action sociale — instruction des aides'],
            processingActivities: [],
            subProcessors: [],
            transfers: [],
            securityMeasures: [],
          },
        ],
      },
    ],
  };
}

describe('processor register PDF', () => {
  it('names the processor with its contact, representative and own DPO, and each controller with its contact', async () => {
    const { pages } = await pdfText(await renderProcessorRegisterPdf(register()));
    const first = pages[0].replace(/\s+/g, ' ');
    expect(first).toContain('Sous-traitant : SIIM94');
    expect(first).toContain('Adresse : 2 rue Robert-Witchitz, 94200 Ivry-sur-Seine');
    expect(first).toContain('Représentant légal : Hélène Morel, Présidente du comité syndical');
    expect(first).toContain('Délégué à la protection des données : Marc Duval');
    expect(first).toContain('Contact du DPO : dpo@siim94.demo — 01 99 00 94 10');
    expect(first).not.toContain('Avertissement');
    const controller = pages[1].replace(/\s+/g, ' ');
    expect(controller).toContain('Adresse : Esplanade Pierre-Yves-Cosnier, 94800 Villejuif');
    // The Vigie accounts holding the role are not the DPO designated to the CNIL.
    expect(controller).toContain('Délégué à la protection des données : DPO non désigné');
    expect(controller).toContain('Avertissement : DPO non désigné');
  });

  it('warns when the processor itself has no DPO designated', async () => {
    const { pages } = await pdfText(await renderProcessorRegisterPdf(register({ dpo: null })));
    const first = pages[0].replace(/\s+/g, ' ');
    expect(first).toContain('Délégué à la protection des données : DPO non désigné');
    expect(first).toContain('Avertissement : DPO non désigné');
  });
});
