import type { Cell, PdfReport } from '@vigie/documents';
import {
  DPO_NOT_DESIGNATED,
  formatAddress,
  formatReachability,
  OrganisationContact,
  OrganisationDpo,
  OrganisationRepresentative,
} from '@vigie/identity';

/** What the registers say of an organisation acting as controller or processor (Art. 30.1.a / 30.2.a). */
export interface OrganisationParty {
  name: string;
  contact: OrganisationContact | null;
  representative?: OrganisationRepresentative | null;
  /** The DPO designated to the CNIL (the organisation's record), not the Vigie accounts holding the role. */
  dpo: OrganisationDpo | null;
}

export const DPO_WARNING = `Avertissement : ${DPO_NOT_DESIGNATED}. Un organisme public doit désigner un délégué à la protection des données (art. 37.1.a du RGPD) et le déclarer à la CNIL.`;

/** « Camille Martin, Maire ». */
export function representativeText(representative: OrganisationRepresentative | null | undefined): string {
  if (!representative) return '';
  return [representative.name, representative.title].filter(Boolean).join(', ');
}

/** The designated DPO in one line, or « DPO non désigné ». */
export function dpoText(dpo: OrganisationDpo | null): string {
  if (!dpo?.name) return DPO_NOT_DESIGNATED;
  const reach = formatReachability(dpo);
  return reach ? `${dpo.name} (${reach})` : dpo.name;
}

/** The lines naming a party: name, address, contact, representative (when asked), DPO with contact. */
export function partyFields(
  role: string,
  party: OrganisationParty,
  options: { representative?: boolean } = {},
): [string, Cell][] {
  const fields: [string, Cell][] = [
    [role, party.name],
    ['Adresse', formatAddress(party.contact)],
    ['Contact', formatReachability(party.contact ?? null)],
  ];
  if (options.representative) fields.push(['Représentant légal', representativeText(party.representative)]);
  fields.push(['Délégué à la protection des données', party.dpo?.name ? party.dpo.name : DPO_NOT_DESIGNATED]);
  if (party.dpo?.name) {
    fields.push(['Contact du DPO', formatReachability(party.dpo)]);
    if (party.dpo.designationReference)
      fields.push(['Référence de désignation à la CNIL', party.dpo.designationReference]);
  }
  return fields;
}

/** Writes a party's lines, then the Art. 37.1.a warning when it has no DPO designated. */
export function writeParty(
  report: PdfReport,
  role: string,
  party: OrganisationParty,
  options: { representative?: boolean } = {},
): void {
  report.fields(partyFields(role, party, options));
  if (!party.dpo?.name) report.paragraph(DPO_WARNING);
}
