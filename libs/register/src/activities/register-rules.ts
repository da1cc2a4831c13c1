import type { FieldError } from '@vigie/core';
import {
  countryByCode,
  derogationKeyOf,
  isInEea,
  NIR_LEGAL_GROUNDS,
  ruleListKeys,
  safeguardKeyOf,
  TRANSFER_SAFEGUARDS,
} from '@vigie/reference-data';
import {
  ART10_CONDITION,
  ART9_CONDITIONS,
  CRIMINAL_DATA,
  labelOf,
  NIR_CATEGORY,
  SPECIAL_CATEGORY_LABELS,
} from '../data/register-labels';
import type { NirUse, Purpose, SpecialCategory, Transfer } from './activity-content';

/** What the rules read of an entry (or a template). */
export interface RuleInput {
  purposes?: Purpose[];
  specialCategories?: SpecialCategory[];
  nir?: NirUse | null;
  transfers?: Transfer[];
}

/** Who keeps the register: a member body (town, CCAS, housing office) is a public authority. */
export interface RuleContext {
  memberBody: boolean;
}

/** Shortest reason why a member body's processing falls outside its public tasks (Art. 6.1, last subpar.). */
export const OUTSIDE_PUBLIC_TASKS_MIN_LENGTH = 30;
/** Art. 6.1 bases that Art. 6.3 requires to be laid down by law. */
export const BASES_LAID_DOWN_BY_LAW = ['legal-obligation', 'public-task'];
export const LEGITIMATE_INTERESTS = 'legitimate-interests';

const filled = (text: string | undefined | null): boolean => !!text && text.trim().length > 0;

function countryName(code: string): string {
  const country = countryByCode(code);
  return country ? `${country.fr} (${code})` : code;
}

/** The NIR an entry uses: its own field, or an older payload's `specialCategories` item `nir`. */
export function nirOf(input: RuleInput): NirUse | null {
  if (input.nir) return input.nir;
  const legacy = (input.specialCategories ?? []).find((s) => s.category === NIR_CATEGORY);
  return legacy ? { used: true, ...(legacy.condition ? { legacyCondition: legacy.condition } : {}) } : null;
}

function purposeRules(purposes: Purpose[], context: RuleContext, errors: FieldError[]): void {
  purposes.forEach((purpose, index) => {
    if (purpose.legalBasis && BASES_LAID_DOWN_BY_LAW.includes(purpose.legalBasis)) {
      if (!filled(purpose.legalBasisDetail)) {
        errors.push({
          field: `purposes.${index}.legalBasisDetail`,
          message:
            "Art. 6.3 du RGPD : une obligation légale ou une mission d'intérêt public est définie par le droit ; " +
            "nommez le texte qui la fonde (ex. « Code de l'action sociale et des familles, art. L. 123-5 »)",
        });
      }
    }
    if (purpose.legalBasis === LEGITIMATE_INTERESTS && context.memberBody) {
      const reason = purpose.legitimateInterestsOutsidePublicTasks?.trim() ?? '';
      if (reason.length < OUTSIDE_PUBLIC_TASKS_MIN_LENGTH) {
        errors.push({
          field: `purposes.${index}.legitimateInterestsOutsidePublicTasks`,
          message:
            "Art. 6.1, dernier alinéa, du RGPD : une autorité publique ne peut pas fonder sur l'intérêt légitime " +
            "un traitement effectué dans l'exécution de ses missions ; expliquez pourquoi ce traitement ne relève " +
            `pas de vos missions de service public (${OUTSIDE_PUBLIC_TASKS_MIN_LENGTH} caractères au moins), ` +
            'ou choisissez une autre base légale',
        });
      }
    }
  });
}

function specialCategoryRules(specials: SpecialCategory[], errors: FieldError[]): void {
  const seen = new Set<string>();
  specials.forEach((special, index) => {
    // The NIR of an older payload is not an Art. 9 category: it is read into `nir` (see `nirOf`).
    if (special.category === NIR_CATEGORY) return;
    const label = labelOf(SPECIAL_CATEGORY_LABELS, special.category);
    if (special.category === CRIMINAL_DATA) {
      if (special.condition !== ART10_CONDITION) {
        errors.push({
          field: `specialCategories.${index}.condition`,
          message:
            'Art. 10 du RGPD : les données relatives aux condamnations pénales et aux infractions ne relèvent pas ' +
            "des conditions de l'article 9.2 ; elles ne peuvent être traitées que sous le contrôle de l'autorité " +
            "publique ou si un texte l'autorise (condition « 10 »)",
        });
      } else if (!filled(special.authorisingText)) {
        errors.push({
          field: `specialCategories.${index}.authorisingText`,
          message:
            "Art. 10 du RGPD : nommez le texte qui autorise le traitement des données d'infraction ou de " +
            'condamnation (ex. « Code de la sécurité intérieure, art. L. 114-1 »)',
        });
      }
    } else if (!ART9_CONDITIONS.includes(special.condition)) {
      errors.push({
        field: `specialCategories.${index}.condition`,
        message:
          `Art. 9.2 du RGPD : indiquez la condition qui permet de traiter « ${label} », ` +
          `l'une de ${ART9_CONDITIONS.join(', ')}`,
      });
    }
    if (seen.has(special.category)) {
      errors.push({
        field: `specialCategories.${index}.category`,
        message: `« ${label} » figure deux fois`,
      });
    }
    seen.add(special.category);
  });
}

function nirRules(nir: NirUse | null, errors: FieldError[]): void {
  if (!nir?.used || !nir.legalGround) return;
  if (!ruleListKeys(NIR_LEGAL_GROUNDS).includes(nir.legalGround)) {
    errors.push({
      field: 'nir.legalGround',
      message: `fondement du NIR non reconnu : l'un de ${ruleListKeys(NIR_LEGAL_GROUNDS).join(', ')}`,
    });
  } else if (!filled(nir.reference)) {
    errors.push({
      field: 'nir.reference',
      message:
        nir.legalGround === 'decret-2019-341'
          ? "Art. 30 de la loi n° 78-17 : précisez l'item du décret n° 2019-341 (« décret cadre NIR ») qui autorise cet usage du NIR"
          : 'Art. 30 de la loi n° 78-17 : nommez le texte qui autorise cet usage du NIR, avec son article',
    });
  }
}

function transferRules(transfers: Transfer[], errors: FieldError[]): void {
  const keys = ruleListKeys(TRANSFER_SAFEGUARDS);
  transfers.forEach((transfer, index) => {
    const field = (name: string) => `transfers.${index}.${name}`;
    const international = transfer.internationalOrganisation === true;
    if (!international && !filled(transfer.country)) {
      errors.push({
        field: field('country'),
        message:
          'Art. 30.1.e du RGPD : indiquez le pays du destinataire, ou signalez une organisation internationale',
      });
      return;
    }
    if (!international && isInEea(transfer.country!)) return;
    const where = international
      ? 'vers une organisation internationale'
      : `hors de l'Espace économique européen (${countryName(transfer.country!)})`;
    if (!filled(transfer.safeguard)) {
      errors.push({
        field: field('safeguard'),
        message:
          `Art. 44 à 49 du RGPD : un transfert ${where} exige une garantie : décision d'adéquation, clauses ` +
          "contractuelles types, règles d'entreprise contraignantes, autre garantie de l'article 46 ou dérogation de l'article 49",
      });
      return;
    }
    const safeguard = safeguardKeyOf(transfer.safeguard);
    if (!safeguard || !keys.includes(safeguard)) {
      errors.push({
        field: field('safeguard'),
        message: `garantie non reconnue « ${transfer.safeguard} » : l'une de ${keys.join(', ')} (art. 45 à 49 du RGPD)`,
      });
      return;
    }
    if (safeguard === 'adequacy-decision' && !international && !countryByCode(transfer.country!)?.adequacy) {
      errors.push({
        field: field('safeguard'),
        message: `Art. 45 du RGPD : la Commission européenne n'a pas adopté de décision d'adéquation pour ${countryName(transfer.country!)} ; choisissez une autre garantie`,
      });
    }
    if (safeguard === 'derogation' && !derogationKeyOf(transfer.derogation)) {
      errors.push({
        field: field('derogation'),
        message: "Art. 49.1 du RGPD : précisez le cas de dérogation (lettre a à g de l'article 49.1)",
      });
    }
  });
}

/**
 * The register's legal rules beyond the shape of each field, each message naming its article: Art. 6.1 last
 * subparagraph (legitimate interests of a public body), Art. 6.3 (the legal text of a legal obligation or public
 * task), Art. 9.2 and 10 (special categories, offence data), the NIR's authorising text (law n° 78-17, art. 30)
 * and transfers outside the European Economic Area or to an international organisation (Art. 44 to 49).
 * A value not given yet (a partial draft) breaks no rule: `missingForValidation` lists what the register needs.
 */
export function checkRegisterRules(
  input: RuleInput,
  context: RuleContext = { memberBody: true },
): FieldError[] {
  const errors: FieldError[] = [];
  purposeRules(input.purposes ?? [], context, errors);
  specialCategoryRules(input.specialCategories ?? [], errors);
  nirRules(nirOf(input), errors);
  transferRules(input.transfers ?? [], errors);
  return errors;
}

/** What an entry says that is lawful but calls for attention (answered as `warnings`, never refused). */
export function registerWarnings(
  input: RuleInput,
  context: RuleContext = { memberBody: true },
): FieldError[] {
  const warnings: FieldError[] = [];
  const nir = nirOf(input);
  if (nir?.used && !nir.legalGround) {
    warnings.push({
      field: 'nir.legalGround',
      message:
        "Le NIR n'est utilisable qu'en vertu d'un texte (art. 30 de la loi n° 78-17) : indiquez le décret n° 2019-341 " +
        "et l'item utilisé, ou le texte qui l'autorise ; la fiche ne peut pas être validée sans ce fondement",
    });
  }
  (input.transfers ?? []).forEach((transfer, index) => {
    const letter = derogationKeyOf(transfer.derogation);
    if (
      context.memberBody &&
      safeguardKeyOf(transfer.safeguard) === 'derogation' &&
      letter &&
      ['a', 'b', 'c'].includes(letter)
    ) {
      warnings.push({
        field: `transfers.${index}.derogation`,
        message:
          "Art. 49.3 du RGPD : les dérogations a, b et c ne s'appliquent pas aux activités qu'une autorité publique " +
          "mène dans l'exercice de ses prérogatives de puissance publique",
      });
    }
  });
  return warnings;
}
