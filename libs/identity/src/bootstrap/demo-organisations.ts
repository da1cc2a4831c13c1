import type {
  OrganisationContact,
  OrganisationDpo,
  OrganisationRepresentative,
} from '../organisations/organisation-details';

/**
 * The controller's details of the demo organisations (Art. 30.1.a): the town halls' addresses, fictitious
 * people and telephone numbers of the range reserved for fiction (01 99 00 xx xx, ARCEP), e-mails under
 * `.demo`. Ivry-sur-Seine and Villejuif share the mutualised DPO of the demo accounts; the operator has its own
 * DPO. The other members have none recorded, so that the registers show « DPO non désigné » (Art. 37.1.a).
 */
export const DEMO_ORGANISATION_DETAILS: Record<
  string,
  { contact: OrganisationContact; representative: OrganisationRepresentative; dpo?: OrganisationDpo }
> = {
  SIIM94: {
    contact: {
      address: '2 rue Robert-Witchitz',
      postalCode: '94200',
      city: 'Ivry-sur-Seine',
      email: 'contact@siim94.demo',
      phone: '01 99 00 94 00',
    },
    representative: { name: 'Hélène Morel', title: 'Présidente du comité syndical' },
    dpo: {
      name: 'Marc Duval',
      email: 'dpo@siim94.demo',
      phone: '01 99 00 94 10',
      designationReference: 'DPO-94-000112',
    },
  },
  IVRY: {
    contact: {
      address: 'Esplanade Georges-Marrane',
      postalCode: '94200',
      city: 'Ivry-sur-Seine',
      email: 'contact@ivry.demo',
      phone: '01 99 00 25 25',
    },
    representative: { name: 'Claire Fontaine', title: 'Maire' },
    dpo: {
      name: 'Dominique Paulin',
      email: 'dpo@mutualise.demo',
      phone: '01 99 00 25 30',
      designationReference: 'DPO-94-000431',
    },
  },
  VILLEJUIF: {
    contact: {
      address: 'Esplanade Pierre-Yves-Cosnier',
      postalCode: '94800',
      city: 'Villejuif',
      email: 'contact@villejuif.demo',
      phone: '01 99 00 20 00',
    },
    representative: { name: 'Julien Roussel', title: 'Maire' },
    dpo: {
      name: 'Dominique Paulin',
      email: 'dpo@mutualise.demo',
      phone: '01 99 00 25 30',
      designationReference: 'DPO-94-000432',
    },
  },
  ARCUEIL: {
    contact: {
      address: '10 avenue Paul-Doumer',
      postalCode: '94110',
      city: 'Arcueil',
      email: 'contact@arcueil.demo',
      phone: '01 99 00 11 10',
    },
    representative: { name: 'Sophie Lemaire', title: 'Maire' },
  },
};
