import { stringify } from 'csv-stringify/sync';
import type { PublishableField } from '../settings/publishable-fields';
import type { PublicEntry } from './public-entry';
import type { PublicRegister } from './public-register.service';

/**
 * The columns of the open-data CSV (documented in the README): stable snake_case names, one line per entry;
 * a list is written as its French labels separated by « | », a part of an item after « : ». Only the columns
 * of published fields are present (`identifiant`, `nom`, `date_validation` and `url` always are).
 */
interface CsvColumn {
  name: string;
  field: PublishableField | null;
  value: (entry: PublicEntry, register: PublicRegister) => string;
}

const join = (items: string[]) => items.join(' | ');

export const CSV_COLUMNS: readonly CsvColumn[] = [
  { name: 'identifiant', field: null, value: (e) => e.id },
  { name: 'nom', field: 'name', value: (e) => e.name },
  { name: 'description', field: 'description', value: (e) => e.description ?? '' },
  {
    name: 'finalites',
    field: 'purposes',
    value: (e) => join((e.purposes ?? []).map((p) => p.description)),
  },
  {
    name: 'bases_legales',
    field: 'purposes',
    value: (e) =>
      join(
        (e.purposes ?? []).map((p) =>
          p.legalBasisDetail ? `${p.legalBasis.label} : ${p.legalBasisDetail}` : p.legalBasis.label,
        ),
      ),
  },
  {
    name: 'personnes_concernees',
    field: 'dataSubjects',
    value: (e) => join((e.dataSubjects ?? []).map((s) => s.label)),
  },
  {
    name: 'categories_donnees',
    field: 'dataCategories',
    value: (e) => join((e.dataCategories ?? []).map((c) => c.category.label)),
  },
  {
    name: 'durees_conservation',
    field: 'dataCategories',
    value: (e) =>
      join(
        (e.dataCategories ?? []).map((c) => `${c.category.label} : ${c.retention} (${c.finalFate.label})`),
      ),
  },
  {
    name: 'donnees_sensibles',
    field: 'specialCategories',
    value: (e) => join((e.specialCategories ?? []).map((s) => `${s.category.label} : ${s.condition.label}`)),
  },
  {
    name: 'destinataires',
    field: 'recipients',
    value: (e) => join((e.recipients ?? []).map((r) => `${r.name} : ${r.type}`)),
  },
  {
    name: 'transferts',
    field: 'transfers',
    value: (e) =>
      join(
        (e.transfers ?? []).map(
          (t) => `${t.recipient} : ${t.country.label}${t.safeguard ? ` (${t.safeguard.label})` : ''}`,
        ),
      ),
  },
  {
    name: 'mesures_securite',
    field: 'securityMeasures',
    value: (e) => join(e.securityMeasures ?? []),
  },
  { name: 'logiciels', field: 'applicationIds', value: (e) => join(e.applications ?? []) },
  { name: 'date_validation', field: null, value: (e) => e.validatedOn ?? '' },
  {
    name: 'url',
    field: null,
    value: (e, r) => `/public/${encodeURIComponent(r.organisation.shortName)}/registre/${e.id}`,
  },
];

/** A cell a spreadsheet would run as a formula is prefixed with an apostrophe (CSV injection). */
function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The register as RFC 4180 CSV: comma-separated, UTF-8, CRLF, a header line of column names. */
export function renderRegisterCsv(register: PublicRegister): string {
  const columns = CSV_COLUMNS.filter(
    (column) => column.field === null || register.publishedFields.includes(column.field),
  );
  return stringify(
    register.entries.map((entry) => columns.map((column) => neutralise(column.value(entry, register)))),
    { header: true, columns: columns.map((column) => column.name), record_delimiter: '\r\n' },
  );
}
