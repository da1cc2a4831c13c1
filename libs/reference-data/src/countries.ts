import data from '../data/countries.json';

export interface Country {
  /** ISO 3166-1 alpha-2, upper case. */
  code: string;
  /** French short name. */
  fr: string;
  /** In the European Economic Area: no transfer safeguard needed. */
  eea: boolean;
  /** Covered by an adequacy decision of the European Commission. */
  adequacy?: boolean;
}

/** The 249 officially assigned ISO 3166-1 alpha-2 codes, with French names and EEA membership. */
export const COUNTRIES = (data as { countries: Country[] }).countries;

const BY_CODE = new Map(COUNTRIES.map((country) => [country.code, country]));

/** The country of an ISO 3166-1 alpha-2 code (upper case), if it is an assigned code. */
export function countryByCode(code: string): Country | undefined {
  return BY_CODE.get(code);
}

/** Whether `code` is an assigned ISO 3166-1 alpha-2 code (upper case). */
export function isCountryCode(code: unknown): code is string {
  return typeof code === 'string' && BY_CODE.has(code);
}

/** Whether data stored or sent there stays inside the European Economic Area. */
export function isInEea(code: string): boolean {
  return BY_CODE.get(code)?.eea === true;
}
