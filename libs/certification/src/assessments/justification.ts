/** Fewest characters of an exclusion justification (spaces inside counted once, ends trimmed). */
export const JUSTIFICATION_MIN_LENGTH = 20;

/**
 * Words that say "not applicable" without saying why, compared without case, accents, spaces or punctuation:
 * « N/A », « NA », « non applicable », « sans objet », « néant »… A justification made only of them (even
 * repeated, « N/A - sans objet ») or only of punctuation (« - », « ... ») justifies nothing.
 */
const PLACEHOLDERS = [
  'na',
  'nonapplicable',
  'pasapplicable',
  'inapplicable',
  'notapplicable',
  'nonconcerne',
  'pasconcerne',
  'sansobjet',
  'neant',
  'aucun',
  'aucune',
  'rien',
  'ras',
  'none',
  'nil',
  'exclu',
  'exclue',
  'horsperimetre',
];
const ONLY_PLACEHOLDERS = new RegExp(`^(?:${PLACEHOLDERS.join('|')})*$`);

function normalised(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * Why an exclusion justification is refused, in French, or null when it is acceptable: ISO/IEC 27001:2022
 * 6.1.3 d) asks the Statement of Applicability to justify each exclusion, so it must say why the requirement
 * does not apply, in at least {@link JUSTIFICATION_MIN_LENGTH} characters, not a placeholder.
 */
export function justificationProblem(text: string | null | undefined): string | null {
  const trimmed = (text ?? '').trim().replace(/\s+/g, ' ');
  if (trimmed.length === 0) {
    return 'Une justification est requise pour déclarer une exigence non applicable : indiquez pourquoi elle ne s’applique pas.';
  }
  if (ONLY_PLACEHOLDERS.test(normalised(trimmed))) {
    const quoted = trimmed.length <= 30 ? `« ${trimmed} »` : 'Cette mention';
    return `${quoted} ne justifie pas l’exclusion : indiquez pourquoi l’exigence ne s’applique pas (ISO/IEC 27001:2022, 6.1.3 d).`;
  }
  if (trimmed.length < JUSTIFICATION_MIN_LENGTH) {
    return `La justification d’une exclusion compte au moins ${JUSTIFICATION_MIN_LENGTH} caractères (${trimmed.length} reçus) : indiquez pourquoi l’exigence ne s’applique pas.`;
  }
  return null;
}
