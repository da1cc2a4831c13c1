import type { RequirementKind } from './framework-requirement.entity';

/**
 * A framework as `framework:import` reads it (JSON) and as the built-in ones are described. See the lib README
 * for the documented JSON structure; {@link validateFrameworkDefinition} enforces it.
 */
export interface FrameworkDefinition {
  /** Lower-case letters, digits, `.` and `-`, 3 to 50 characters; unique. */
  code: string;
  name: string;
  edition: string;
  description?: string;
  /** Scope options (e.g. HDS hosting activities); an assessment may name the ones in its scope. */
  activities?: ActivityDefinition[];
  requirements: RequirementDefinition[];
}

export interface ActivityDefinition {
  number: number;
  /** As readers read it (French for the built-in frameworks). */
  label: string;
  /** The English label, when the referential has one. */
  labelEn?: string;
}

export interface RequirementDefinition {
  ref: string;
  /** As readers read it (French for the built-in frameworks). */
  title: string;
  /** The English title, when the referential has one. */
  titleEn?: string;
  /** Theme, clause or chapter the requirement is grouped under in progress and reports. */
  group: string;
  /** The English name of the group, when the referential has one. */
  groupEn?: string;
  kind?: RequirementKind;
  /** `ref` of another requirement of the same framework, listed before this one. */
  parent?: string;
  /** Defaults to true for a requirement that is no other one's parent, false otherwise. */
  assessable?: boolean;
  /** Free text (`CSP R.1111-11 1°`), or a requirement of a framework held by Vigie, whose status is shown. */
  anchor?: string | { framework: string; ref: string };
}

/** A definition checked and normalised (defaults applied). */
export interface ValidFrameworkDefinition extends FrameworkDefinition {
  activities: ActivityDefinition[];
  requirements: (RequirementDefinition & { kind: RequirementKind; assessable: boolean })[];
}

export type DefinitionCheck =
  { ok: true; definition: ValidFrameworkDefinition } | { ok: false; errors: string[] };

const CODE = /^[a-z0-9][a-z0-9.-]{1,48}[a-z0-9]$/;
const REF = /^[A-Za-z0-9][A-Za-z0-9 ._°()/-]*$/;
const KINDS: readonly RequirementKind[] = ['clause', 'control', 'requirement'];
const MAX_REQUIREMENTS = 2000;
const TOP_KEYS = ['code', 'name', 'edition', 'description', 'activities', 'requirements'];
const ACTIVITY_KEYS = ['number', 'label', 'labelEn'];
const REQUIREMENT_KEYS = [
  'ref',
  'title',
  'titleEn',
  'group',
  'groupEn',
  'kind',
  'parent',
  'assessable',
  'anchor',
];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown, min: number, max: number): value is string {
  return typeof value === 'string' && value.trim().length >= min && value.length <= max;
}

/**
 * Checks the structure of a framework definition and lists every problem with its JSON path
 * (`requirements[3].parent: …`), so that a whole file can be fixed in one go. Cross-database checks (code
 * already used, anchor targets) are made by the importer.
 */
export function validateFrameworkDefinition(input: unknown): DefinitionCheck {
  const errors: string[] = [];
  if (!isObject(input)) return { ok: false, errors: ['(racine) : doit être un objet JSON'] };
  for (const key of Object.keys(input)) {
    if (!TOP_KEYS.includes(key))
      errors.push(`${key} : propriété inconnue (admises : ${TOP_KEYS.join(', ')})`);
  }
  if (typeof input.code !== 'string' || !CODE.test(input.code)) {
    errors.push(
      'code : doit compter de 3 à 50 minuscules, chiffres, « . » ou « - », et commencer et finir par une lettre ou un chiffre',
    );
  }
  if (!text(input.name, 1, 200)) errors.push('name : doit être un texte non vide de 200 caractères au plus');
  if (!text(input.edition, 1, 50))
    errors.push('edition : doit être un texte non vide de 50 caractères au plus');
  if (input.description !== undefined && !text(input.description, 0, 2000)) {
    errors.push('description : doit être un texte de 2000 caractères au plus');
  }

  const activities: ActivityDefinition[] = [];
  if (input.activities !== undefined) {
    if (!Array.isArray(input.activities) || input.activities.length > 50) {
      errors.push('activities : doit être une liste de 50 éléments au plus');
    } else {
      const seen = new Set<number>();
      input.activities.forEach((activity: unknown, index: number) => {
        const path = `activities[${index}]`;
        if (!isObject(activity)) return void errors.push(`${path} : doit être un objet {number, label}`);
        const extra = Object.keys(activity).filter((key) => !ACTIVITY_KEYS.includes(key));
        if (extra.length) errors.push(`${path} : propriété inconnue ${extra.join(', ')}`);
        const { number, label, labelEn } = activity;
        if (typeof number !== 'number' || !Number.isInteger(number) || number < 1 || number > 99) {
          errors.push(`${path}.number : doit être un entier de 1 à 99`);
        } else if (seen.has(number)) {
          errors.push(`${path}.number : l’activité ${number} figure deux fois`);
        } else seen.add(number);
        if (!text(label, 1, 500))
          errors.push(`${path}.label : doit être un texte non vide de 500 caractères au plus`);
        if (labelEn !== undefined && !text(labelEn, 1, 500)) {
          errors.push(`${path}.labelEn : doit être un texte non vide de 500 caractères au plus`);
        }
        if (typeof number === 'number' && typeof label === 'string') {
          activities.push({ number, label, ...(typeof labelEn === 'string' ? { labelEn } : {}) });
        }
      });
    }
  }

  const requirements: ValidFrameworkDefinition['requirements'] = [];
  if (!Array.isArray(input.requirements) || input.requirements.length === 0) {
    errors.push('requirements : doit être une liste non vide');
  } else if (input.requirements.length > MAX_REQUIREMENTS) {
    errors.push(`requirements : ${MAX_REQUIREMENTS} exigences au plus`);
  } else {
    const firstIndex = new Map<string, number>();
    const parents = new Set(
      input.requirements
        .map((r: unknown) => (isObject(r) && typeof r.parent === 'string' ? r.parent : undefined))
        .filter((p): p is string => p !== undefined),
    );
    input.requirements.forEach((requirement: unknown, index: number) => {
      const path = `requirements[${index}]`;
      if (!isObject(requirement)) return void errors.push(`${path} : doit être un objet`);
      const before = errors.length;
      for (const key of Object.keys(requirement)) {
        if (!REQUIREMENT_KEYS.includes(key)) {
          errors.push(`${path}.${key} : propriété inconnue (admises : ${REQUIREMENT_KEYS.join(', ')})`);
        }
      }
      const { ref, title, titleEn, group, groupEn, kind, parent, assessable, anchor } = requirement;
      if (typeof ref !== 'string' || ref.length > 50 || !REF.test(ref)) {
        errors.push(
          `${path}.ref : doit compter de 1 à 50 caractères (lettres, chiffres, espace . _ ° ( ) / -)`,
        );
      } else if (firstIndex.has(ref)) {
        errors.push(`${path}.ref : « ${ref} » est déjà pris par requirements[${firstIndex.get(ref)}]`);
      } else firstIndex.set(ref, index);
      if (!text(title, 1, 2000))
        errors.push(`${path}.title : doit être un texte non vide de 2000 caractères au plus`);
      if (titleEn !== undefined && !text(titleEn, 1, 2000)) {
        errors.push(`${path}.titleEn : doit être un texte non vide de 2000 caractères au plus`);
      }
      if (!text(group, 1, 200))
        errors.push(`${path}.group : doit être un texte non vide de 200 caractères au plus`);
      if (groupEn !== undefined && !text(groupEn, 1, 200)) {
        errors.push(`${path}.groupEn : doit être un texte non vide de 200 caractères au plus`);
      }
      if (kind !== undefined && !KINDS.includes(kind as RequirementKind)) {
        errors.push(`${path}.kind : doit valoir l'une des valeurs suivantes : ${KINDS.join(', ')}`);
      }
      if (parent !== undefined) {
        if (typeof parent !== 'string')
          errors.push(`${path}.parent : doit être la référence d’une exigence qui précède`);
        else if (!firstIndex.has(parent) || parent === ref) {
          errors.push(`${path}.parent : « ${parent} » n’est pas la référence d’une exigence qui précède`);
        }
      }
      if (assessable !== undefined && typeof assessable !== 'boolean') {
        errors.push(`${path}.assessable : doit valoir true ou false`);
      }
      if (anchor !== undefined) {
        const validText = text(anchor, 1, 100);
        const validLink =
          isObject(anchor) &&
          Object.keys(anchor).every((key) => key === 'framework' || key === 'ref') &&
          typeof anchor.framework === 'string' &&
          CODE.test(anchor.framework) &&
          text(anchor.ref, 1, 50);
        if (!validText && !validLink) {
          errors.push(`${path}.anchor : doit être un texte de 100 caractères au plus ou {framework, ref}`);
        }
      }
      if (errors.length === before) {
        requirements.push({
          ref: ref as string,
          title: (title as string).trim(),
          titleEn: (titleEn as string | undefined)?.trim(),
          group: (group as string).trim(),
          groupEn: (groupEn as string | undefined)?.trim(),
          kind: (kind as RequirementKind | undefined) ?? 'requirement',
          parent: parent as string | undefined,
          assessable: (assessable as boolean | undefined) ?? !parents.has(ref as string),
          anchor: anchor as RequirementDefinition['anchor'],
        });
      }
    });
    if (errors.length === 0 && !requirements.some((r) => r.assessable)) {
      errors.push('requirements : au moins une exigence doit être évaluable');
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    definition: {
      code: input.code as string,
      name: (input.name as string).trim(),
      edition: (input.edition as string).trim(),
      description: input.description as string | undefined,
      activities,
      requirements,
    },
  };
}
