import {
  ART35_LABELS,
  CNIL_EXEMPTION_SHORT_LABELS,
  CNIL_LIST_LABELS,
  FIELD_LABELS,
  WP248_LABELS,
} from '../../../../libs/register/src/data/register-labels';
import { DPIA_RESIDUAL_RISKS, NIR_LEGAL_GROUNDS } from '../../../../libs/reference-data/src/register-rules';
import { formatDate } from '../format';
import {
  conditionLabel,
  dataCategoryLabel,
  dataSubjectLabel,
  finalFateLabel,
  legalBasisLabel,
  specialCategoryLabel,
  STATUS_LABELS,
} from '../labels';

/** The French name of an entry's field (the same names as the API's history and the PDF sheet). */
export const fieldLabel = (field: string): string => FIELD_LABELS[field] ?? field;

const risk = (key: string) => DPIA_RESIDUAL_RISKS.find((r) => r.key === key)?.label ?? key;
const nirGround = (key: string) => NIR_LEGAL_GROUNDS.find((g) => g.key === key)?.label ?? key;
type Item = Record<string, unknown>;
const str = (value: unknown) => (typeof value === 'string' ? value : value == null ? '' : String(value));
const joined = (...parts: unknown[]) => parts.map(str).filter(Boolean).join(' — ');

/**
 * A field's value as lines of French text, to compare two versions (history, template updates): one line per
 * item of a list, keys read as their labels; no line for an empty value.
 */
export function describeValue(field: string, value: unknown): string[] {
  if (value === null || value === undefined || value === '') return [];
  if (Array.isArray(value)) {
    return value.map((raw) => {
      const item = (typeof raw === 'object' && raw !== null ? raw : {}) as Item;
      switch (field) {
        case 'purposes':
          return joined(
            item.description,
            item.legalBasis ? legalBasisLabel(str(item.legalBasis)) : 'base légale à préciser',
            item.legalBasisDetail,
          );
        case 'dataCategories':
          return joined(
            dataCategoryLabel(str(item.category)),
            item.description,
            item.retention ? `conservation : ${str(item.retention)}` : '',
            item.finalFate ? `sort final : ${finalFateLabel(str(item.finalFate))}` : '',
          );
        case 'specialCategories':
          return joined(
            specialCategoryLabel(str(item.category)),
            item.condition ? conditionLabel(str(item.condition)) : '',
          );
        case 'recipients':
          return joined(item.name, item.type);
        case 'transfers':
          return joined(item.recipient, item.country, item.safeguard, item.safeguardDetail);
        case 'dataSubjects':
          return dataSubjectLabel(str(raw));
        case 'dpiaCriteria':
          return WP248_LABELS[str(raw)] ?? str(raw);
        case 'cnilListItems':
          return CNIL_LIST_LABELS[str(raw)] ?? str(raw);
        case 'art35Cases':
          return ART35_LABELS[str(raw)] ?? str(raw);
        default:
          return typeof raw === 'object' && raw !== null
            ? Object.values(raw as Item)
                .map(str)
                .filter(Boolean)
                .join(' — ')
            : str(raw);
      }
    });
  }
  if (typeof value === 'object') {
    const item = value as Item;
    switch (field) {
      case 'nir':
        return item.used
          ? [joined('NIR utilisé', item.legalGround ? nirGround(str(item.legalGround)) : '', item.reference)]
          : ['NIR non utilisé'];
      case 'dpiaAssessment':
        return [
          joined(
            item.status === 'done' ? 'AIPD réalisée' : 'AIPD en cours',
            item.reference,
            item.residualRisk ? `risque résiduel : ${risk(str(item.residualRisk)).toLowerCase()}` : '',
            item.conclusion,
          ),
        ];
      case 'dpiaDecision':
        return [joined("Décision de ne pas mener d'AIPD", item.reason)];
      default:
        return [
          Object.entries(item)
            .map(([k, v]) => `${k} : ${str(v)}`)
            .join(', '),
        ];
    }
  }
  if (field === 'status') return [STATUS_LABELS[str(value)] ?? str(value)];
  if (field === 'reviewDate') return [formatDate(str(value))];
  if (field === 'cnilExemptionItem') return [CNIL_EXEMPTION_SHORT_LABELS[str(value)] ?? str(value)];
  return [str(value)];
}
