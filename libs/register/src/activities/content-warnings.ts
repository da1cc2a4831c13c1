import type { FieldError } from '@vigie/core';
import { foldText } from '../data/label-keys';
import { DATA_CATEGORY_LABELS, DATA_SUBJECT_LABELS, SPECIAL_CATEGORY_LABELS } from '../data/register-labels';
import type { ActivityContent } from './activity-content';

/** A special category and the words of free text that suggest it (folded: no accents, lower case). */
interface Suggestion {
  category: string;
  article: string;
  words: RegExp;
}

const SUGGESTIONS: Suggestion[] = [
  {
    category: 'health',
    article: 'art. 9',
    words:
      /\b(sante|medica(?:l|le|les|ux)|maladies?|pathologies?|handicaps?|allergies?|vaccin\w*|soins?|diagnostics?|ordonnances?)\b/,
  },
  {
    category: 'religious-or-philosophical-beliefs',
    article: 'art. 9',
    words: /\b(religions?|religieu(?:x|se|ses)|confessions?|cultes?|halal|casher|kasher|convictions?)\b/,
  },
  {
    category: 'political-opinions',
    article: 'art. 9',
    words: /\b(opinions? politiques?|appartenance politique|partis? politiques?|engagements? politiques?)\b/,
  },
  {
    category: 'trade-union-membership',
    article: 'art. 9',
    words: /\b(syndica(?:l|le|les|ux|t|ts)|syndiques?)\b/,
  },
  {
    category: 'racial-or-ethnic-origin',
    article: 'art. 9',
    words: /\b(origines? (?:raciales?|ethniques?)|ethnies?|ethniques?)\b/,
  },
  {
    category: 'sex-life-or-orientation',
    article: 'art. 9',
    words: /\b(orientation sexuelle|vie sexuelle)\b/,
  },
  { category: 'genetic', article: 'art. 9', words: /\b(genetiques?|adn)\b/ },
  {
    category: 'biometric-for-identification',
    article: 'art. 9',
    words: /\b(biometri(?:e|que|ques)|empreintes? digitales?|reconnaissance faciale|gabarits?)\b/,
  },
  {
    category: 'criminal-convictions-and-offences',
    article: 'art. 10',
    words:
      /\b(condamnations?|condamne(?:e|es|s)?|casier judiciaire|infractions?|penal(?:e|es)?|penaux|antecedents judiciaires|delits?)\b/,
  },
];

/** The free texts of an entry that a reader may fill with sensitive data, with their field paths. */
function freeTexts(content: Partial<ActivityContent>): { field: string; text: string }[] {
  const texts: { field: string; text: string }[] = [];
  if (content.description) texts.push({ field: 'description', text: content.description });
  (content.purposes ?? []).forEach((purpose, index) =>
    texts.push({ field: `purposes.${index}.description`, text: purpose.description }),
  );
  (content.dataSubjects ?? []).forEach((subject, index) => {
    if (!(subject in DATA_SUBJECT_LABELS)) texts.push({ field: `dataSubjects.${index}`, text: subject });
  });
  (content.dataCategories ?? []).forEach((category, index) => {
    if (!(category.category in DATA_CATEGORY_LABELS))
      texts.push({ field: `dataCategories.${index}.category`, text: category.category });
    if (category.description)
      texts.push({ field: `dataCategories.${index}.description`, text: category.description });
  });
  return texts;
}

/**
 * Warnings (not errors) about an entry: free text that looks like a special category of data (Art. 9) or
 * criminal data (Art. 10) while the entry declares none of that category. The entry is saved as written; the
 * warning tells its author to declare the category with its condition, or to reword.
 */
export function contentWarnings(content: Partial<ActivityContent>): FieldError[] {
  const declared = new Set((content.specialCategories ?? []).map((special) => special.category));
  const warnings: FieldError[] = [];
  for (const { field, text } of freeTexts(content)) {
    const folded = foldText(text);
    for (const suggestion of SUGGESTIONS) {
      if (declared.has(suggestion.category)) continue;
      const match = suggestion.words.exec(folded);
      if (!match) continue;
      const label = SPECIAL_CATEGORY_LABELS[suggestion.category].toLowerCase();
      const quoted = text.length <= 80 ? text.trim() : match[0];
      warnings.push({
        field,
        message:
          `« ${quoted} » évoque une catégorie particulière de données (${label}, ${suggestion.article} du RGPD) ` +
          `qui n'est pas déclarée dans les données sensibles : déclarez-la avec sa condition, ou reformulez.`,
      });
    }
  }
  return warnings;
}
