import type { FieldError } from '@vigie/core';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { CreateProcessingActivityDto } from '../activities/processing-activity.dto';
import { checkRegisterRules, RuleContext } from '../activities/register-rules';
import { NIR_LEGAL_GROUNDS, TRANSFER_DEROGATIONS, TRANSFER_SAFEGUARDS } from '@vigie/reference-data';
import {
  ART35_LABELS,
  CNIL_LIST_LABELS,
  DATA_CATEGORY_LABELS,
  DATA_SUBJECT_LABELS,
  FINAL_FATE_LABELS,
  GDPR_LEGAL_BASIS_NAMES,
  LEGAL_BASIS_LABELS,
  SPECIAL_CATEGORY_LABELS,
  WP248_LABELS,
} from '../data/register-labels';
import { foldText } from '../data/label-keys';
import {
  INTERNATIONAL_ORGANISATION,
  PART_SEPARATOR,
  REGISTER_COLUMNS,
  RegisterColumn,
} from './register-columns';

const normalise = foldText;

/**
 * The key of a listed value written as its key or one of its French labels (case, accents and spacing aside);
 * the text itself otherwise.
 */
export function keyFromLabel(value: string, ...labelSets: Record<string, string>[]): string {
  const wanted = normalise(value);
  for (const labels of labelSets) {
    for (const [key, label] of Object.entries(labels)) {
      if (normalise(key) === wanted || normalise(label) === wanted) return key;
    }
  }
  return value.trim();
}

const LEGAL_BASIS_CODES = Object.fromEntries(
  Object.entries(LEGAL_BASIS_LABELS).map(([key, label]) => [
    key,
    /art\. ([0-9.a-f]+)\)/.exec(label)?.[1] ?? key,
  ]),
);

const itemsOf = (cell: string) =>
  cell
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
const partsOf = (line: string) => line.split(PART_SEPARATOR.trim()).map((part) => part.trim());
const optional = (text: string | undefined) => (text ? text : undefined);

const labelsOf = (items: readonly { key: string; label: string }[]) =>
  Object.fromEntries(items.map((item) => [item.key, item.label]));
const NIR_GROUND_LABELS = labelsOf(NIR_LEGAL_GROUNDS);
const SAFEGUARD_LABELS = labelsOf(TRANSFER_SAFEGUARDS);
const DEROGATION_LABELS = labelsOf(TRANSFER_DEROGATIONS);

/** The NIR cell: « Oui | fondement | item ou texte » (the décret cadre may be named by its number alone). */
export function nirFromCell(cell: string): Record<string, unknown> | undefined {
  const text = cell.trim();
  if (!text) return undefined;
  const [used, ground, reference] = partsOf(text.replace(/\r?\n/g, ' '));
  const answer = normalise(used ?? '');
  const legalGround = !ground
    ? undefined
    : /2019-341/.test(ground)
      ? 'decret-2019-341'
      : keyFromLabel(ground, NIR_GROUND_LABELS);
  return {
    used: ['oui', 'yes', 'true', 'vrai', 'x'].includes(answer)
      ? true
      : ['non', 'no', 'false', 'faux'].includes(answer)
        ? false
        : used,
    legalGround,
    reference: optional(reference),
  };
}

/** The country part of a transfer: an ISO code, or « Organisation internationale » (with its seat « (CH) »). */
function transferPlace(text: string | undefined): { country?: string; internationalOrganisation?: boolean } {
  const value = (text ?? '').trim();
  if (normalise(value).startsWith(normalise(INTERNATIONAL_ORGANISATION))) {
    const seat = /\(([A-Za-z]{2})\)/.exec(value)?.[1];
    return { internationalOrganisation: true, ...(seat ? { country: seat } : {}) };
  }
  return { country: value };
}

/** "31/12/2027" or "2027-12-31" as "2027-12-31"; anything else is left for the validation to refuse. */
export function isoDate(cell: string): string | undefined {
  const text = cell.trim();
  if (!text) return undefined;
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (french) return `${french[3]}-${french[2].padStart(2, '0')}-${french[1].padStart(2, '0')}`;
  return text;
}

/** A spreadsheet row turned into an entry payload; application names resolved to ids (unknown ones reported). */
export function rowToPayload(
  cells: Record<string, string>,
  applicationIds: Map<string, string>,
): { payload: Record<string, unknown>; errors: { column: string; message: string }[] } {
  const errors: { column: string; message: string }[] = [];
  const cell = (key: string) => cells[key] ?? '';
  const applications = itemsOf(cell('applications')).map((name) => {
    const id = applicationIds.get(normalise(name));
    if (!id)
      errors.push({
        column: 'applications',
        message: `application « ${name} » inconnue ou non déployée pour ce membre`,
      });
    return id;
  });
  const payload: Record<string, unknown> = {
    name: cell('name').trim(),
    description: optional(cell('description').trim()),
    applicationIds: applications.filter((id): id is string => !!id),
    purposes: itemsOf(cell('purposes')).map((line) => {
      const [description, basis, detail, outside] = partsOf(line);
      return {
        description,
        legalBasis: basis
          ? keyFromLabel(basis, GDPR_LEGAL_BASIS_NAMES, LEGAL_BASIS_LABELS, LEGAL_BASIS_CODES)
          : undefined,
        legalBasisDetail: optional(detail),
        legitimateInterestsOutsidePublicTasks: optional(outside),
      };
    }),
    dataSubjects: itemsOf(cell('dataSubjects')).map((s) => keyFromLabel(s, DATA_SUBJECT_LABELS)),
    dataCategories: itemsOf(cell('dataCategories')).map((line) => {
      const [category, description, retention, finalFate] = partsOf(line);
      return {
        category: keyFromLabel(category ?? '', DATA_CATEGORY_LABELS),
        description: optional(description),
        retention: optional(retention),
        finalFate: finalFate ? keyFromLabel(finalFate, FINAL_FATE_LABELS) : undefined,
      };
    }),
    specialCategories: itemsOf(cell('specialCategories')).map((line) => {
      const [category, condition, authorisingText] = partsOf(line);
      return {
        category: keyFromLabel(category ?? '', SPECIAL_CATEGORY_LABELS),
        condition: optional(condition),
        authorisingText: optional(authorisingText),
      };
    }),
    // A file made before the NIR column keeps the entries' NIR as it is.
    nir: 'nir' in cells ? nirFromCell(cell('nir')) : undefined,
    recipients: itemsOf(cell('recipients')).map((line) => {
      const [name, type] = partsOf(line);
      return { name, type: type ?? '' };
    }),
    transfers: itemsOf(cell('transfers')).map((line) => {
      const [recipient, place, safeguard, derogation, safeguardDetail] = partsOf(line);
      return {
        recipient,
        ...transferPlace(place),
        safeguard: safeguard ? keyFromLabel(safeguard, SAFEGUARD_LABELS) : undefined,
        derogation: derogation ? keyFromLabel(derogation, DEROGATION_LABELS) : undefined,
        safeguardDetail: optional(safeguardDetail),
      };
    }),
    securityMeasures: itemsOf(cell('securityMeasures')),
    dpiaCriteria: itemsOf(cell('dpiaCriteria')).map((c) => keyFromLabel(c, WP248_LABELS)),
    cnilListItems: itemsOf(cell('cnilListItems')).map((c) => keyFromLabel(c, CNIL_LIST_LABELS)),
    art35Cases: itemsOf(cell('art35Cases')).map((c) => keyFromLabel(c, ART35_LABELS)),
    reviewDate: isoDate(cell('reviewDate')),
    // An optional column: absent, the entry keeps its exemption; present and empty, it has none.
    cnilExemptionItem: 'cnilExemptionItem' in cells ? cell('cnilExemptionItem').trim() || null : undefined,
  };
  return { payload, errors };
}

const FRENCH_MESSAGES: Record<string, (value: unknown) => string> = {
  isIn: (value) => `valeur non reconnue « ${String(value)} »`,
  arrayMinSize: () => 'au moins un élément est requis',
  isLength: () => 'doit être renseigné (ou est trop long)',
  isString: () => 'doit être renseigné',
  isCountryCode: (value) => `« ${String(value)} » n'est pas un code pays ISO 3166 (ex. FR, DE, US)`,
  isIso8601: (value) => `« ${String(value)} » n'est pas une date JJ/MM/AAAA`,
  isBoolean: (value) => `« ${String(value)} » : répondez Oui ou Non`,
  arrayMaxSize: () => "trop d'éléments",
};

function flatten(errors: ValidationError[], path: string[] = []): { path: string[]; message: string }[] {
  return errors.flatMap((error) => {
    const here = [...path, error.property];
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      path: here,
      message: FRENCH_MESSAGES[constraint]?.(error.value) ?? message,
    }));
    return [...own, ...flatten(error.children ?? [], here)];
  });
}

function columnOf(key: string): RegisterColumn {
  return (
    REGISTER_COLUMNS.find((column) => column.key === (key === 'applicationIds' ? 'applications' : key)) ??
    REGISTER_COLUMNS[1]
  );
}

/** Where in a cell an error is: "élément 2 (base légale) : …" for structured lists. */
function locate(path: string[], message: string): { column: RegisterColumn; message: string } {
  const column = columnOf(path[0]);
  const index = path.length > 1 && /^\d+$/.test(path[1]) ? Number(path[1]) : undefined;
  if (index === undefined) return { column, message };
  const part = path[2] && column.parts ? partName(column, path[2]) : undefined;
  return { column, message: `ligne ${index + 1} de la cellule${part ? ` (${part})` : ''} : ${message}` };
}

const PART_KEYS: Record<string, string[]> = {
  purposes: ['description', 'legalBasis', 'legalBasisDetail', 'legitimateInterestsOutsidePublicTasks'],
  dataCategories: ['category', 'description', 'retention', 'finalFate'],
  specialCategories: ['category', 'condition', 'authorisingText'],
  recipients: ['name', 'type'],
  transfers: ['recipient', 'country', 'safeguard', 'derogation', 'safeguardDetail'],
};

function partName(column: RegisterColumn, field: string): string | undefined {
  const index = PART_KEYS[column.key]?.indexOf(field) ?? -1;
  return index >= 0 ? column.parts?.[index] : undefined;
}

/**
 * Checks one row as the API checks an entry (shape, lists, the register's legal rules) and reports each
 * problem at its spreadsheet line and column. `line` counts the header row as 1. A row may be a partial draft,
 * as through the API: validation asks for what is missing.
 */
export function checkRow(
  line: number,
  cells: Record<string, string>,
  applicationIds: Map<string, string>,
  context: RuleContext = { memberBody: true },
): { dto?: CreateProcessingActivityDto; errors: FieldError[] } {
  const { payload, errors: lookupErrors } = rowToPayload(cells, applicationIds);
  const dto = plainToInstance(CreateProcessingActivityDto, payload);
  const problems = [
    ...lookupErrors.map((e) => ({ column: columnOf(e.column), message: e.message })),
    ...flatten(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true })).map((e) =>
      locate(e.path, e.message),
    ),
  ];
  for (const error of checkRegisterRules(dto, context))
    problems.push(locate(error.field.split('.'), error.message));
  const errors = problems.map(({ column, message }) => ({
    field: `ligne ${line}, ${column.header}`,
    line,
    column: column.header,
    message,
  }));
  return errors.length ? { errors } : { dto, errors };
}
