import { ApiProperty } from '@nestjs/swagger';
import {
  BREACH_NATURE_LABELS_FR,
  CNIL_DPIA_NOT_REQUIRED,
  DPIA_ASSESSMENT_STATUSES,
  DPIA_RESIDUAL_RISKS,
  GDPR,
  NIR_LEGAL_GROUNDS,
  RIGHT_LABELS_FR,
  TRANSFER_DEROGATIONS,
  TRANSFER_SAFEGUARDS,
} from '@vigie/reference-data';
import {
  ART35_CASES,
  ART35_LABELS,
  CNIL_EXEMPTION_LABELS,
  CNIL_LIST_ITEMS,
  CNIL_LIST_LABELS,
  CONDITION_LABELS,
  DATA_CATEGORY_LABELS,
  DATA_SUBJECT_LABELS,
  FINAL_FATE_LABELS,
  FINAL_FATES,
  labelOf,
  LEGAL_BASES,
  LEGAL_BASIS_LABELS,
  SPECIAL_CATEGORIES,
  SPECIAL_CATEGORY_LABELS,
  WP248_CRITERIA,
  WP248_LABELS,
} from '../data/register-labels';

/** One value of a list: the key the API takes and returns, and its French label. */
export class ReferenceItem {
  @ApiProperty({ example: 'public-task' })
  key: string;

  @ApiProperty({ example: "Mission d'intérêt public (art. 6.1.e)" })
  label: string;
}

/** An item of the CNIL list of processing types not requiring a DPIA, with its number and wording. */
export class CnilExemptionReferenceItem extends ReferenceItem {
  @ApiProperty({ example: 3, description: 'Its number in the list of délibération n° 2019-118' })
  item: number;

  @ApiProperty({ description: 'Its wording in the deliberation' })
  wording: string;
}

/** Every list the register uses, each value with its French label (`GET /reference/gdpr`). */
export class GdprReferenceView {
  @ApiProperty({ type: [ReferenceItem], description: 'Art. 6.1 legal bases' })
  legalBases: ReferenceItem[];

  @ApiProperty({ type: [ReferenceItem], description: 'Art. 9 special categories, Art. 10 data, the NIR' })
  specialCategories: ReferenceItem[];

  @ApiProperty({
    type: [ReferenceItem],
    description: 'Conditions lifting the prohibition: Art. 9.2 (a to j), and Art. 10 for criminal data',
  })
  specialCategoryConditions: ReferenceItem[];

  @ApiProperty({
    type: [ReferenceItem],
    description: 'Categories of data subjects (free text also accepted)',
  })
  dataSubjects: ReferenceItem[];

  @ApiProperty({ type: [ReferenceItem], description: 'Categories of data (free text also accepted)' })
  dataCategories: ReferenceItem[];

  @ApiProperty({ type: [ReferenceItem], description: 'Fate of the data at the end of their retention' })
  finalFates: ReferenceItem[];

  @ApiProperty({
    type: [ReferenceItem],
    description: 'Safeguards of a transfer outside the EEA (Art. 45 to 49)',
  })
  transferSafeguards: ReferenceItem[];

  @ApiProperty({ type: [ReferenceItem], description: 'Art. 49.1 derogations (letters a to g)' })
  transferDerogations: ReferenceItem[];

  @ApiProperty({ type: [ReferenceItem], description: 'Legal grounds for processing the NIR' })
  nirLegalGrounds: ReferenceItem[];

  @ApiProperty({ type: [ReferenceItem], description: 'Statuses of a DPIA carried out' })
  dpiaAssessmentStatuses: ReferenceItem[];

  @ApiProperty({ type: [ReferenceItem], description: 'Residual risk after a DPIA' })
  dpiaResidualRisks: ReferenceItem[];

  @ApiProperty({
    type: [ReferenceItem],
    description: 'The nine criteria of the EDPB guidelines WP248 rev.01',
  })
  wp248Criteria: ReferenceItem[];

  @ApiProperty({
    type: [ReferenceItem],
    description: 'Processing types requiring a DPIA (CNIL, délibération n° 2018-327)',
  })
  cnilDpiaRequired: ReferenceItem[];

  @ApiProperty({
    type: [CnilExemptionReferenceItem],
    description: 'Processing types not requiring a DPIA (CNIL, délibération n° 2019-118)',
  })
  cnilDpiaNotRequired: CnilExemptionReferenceItem[];

  @ApiProperty({ type: [ReferenceItem], description: 'The three cases of Art. 35.3' })
  art35Cases: ReferenceItem[];

  @ApiProperty({ type: [ReferenceItem], description: 'Data-subject rights (Art. 7.3, 15 to 22)' })
  rights: ReferenceItem[];

  @ApiProperty({ type: [ReferenceItem], description: 'Natures of a personal-data breach' })
  breachNatures: ReferenceItem[];
}

const items = (keys: readonly string[], labels: Record<string, string>): ReferenceItem[] =>
  keys.map((key) => ({ key, label: labelOf(labels, key) }));

/** The reference lists, built once from the reference data (they do not change while the service runs). */
export const GDPR_REFERENCE: GdprReferenceView = {
  legalBases: items(LEGAL_BASES, LEGAL_BASIS_LABELS),
  specialCategories: items(SPECIAL_CATEGORIES, SPECIAL_CATEGORY_LABELS),
  specialCategoryConditions: items(Object.keys(CONDITION_LABELS), CONDITION_LABELS),
  dataSubjects: items(GDPR.dataSubjectExamples, DATA_SUBJECT_LABELS),
  dataCategories: items(
    GDPR.dataCategories.map((category) => category.key),
    DATA_CATEGORY_LABELS,
  ),
  finalFates: items(FINAL_FATES, FINAL_FATE_LABELS),
  transferSafeguards: TRANSFER_SAFEGUARDS.map(({ key, label }) => ({ key, label })),
  transferDerogations: TRANSFER_DEROGATIONS.map(({ key, label }) => ({ key, label })),
  nirLegalGrounds: NIR_LEGAL_GROUNDS.map(({ key, label }) => ({ key, label })),
  dpiaAssessmentStatuses: DPIA_ASSESSMENT_STATUSES.map(({ key, label }) => ({ key, label })),
  dpiaResidualRisks: DPIA_RESIDUAL_RISKS.map(({ key, label }) => ({ key, label })),
  wp248Criteria: items(WP248_CRITERIA, WP248_LABELS),
  cnilDpiaRequired: items(CNIL_LIST_ITEMS, CNIL_LIST_LABELS),
  cnilDpiaNotRequired: CNIL_DPIA_NOT_REQUIRED.items.map((item) => ({
    key: String(item.item),
    label: CNIL_EXEMPTION_LABELS[String(item.item)],
    item: item.item,
    wording: item.wording,
  })),
  art35Cases: items(ART35_CASES, ART35_LABELS),
  rights: items(
    GDPR.rights.map((right) => right.key),
    RIGHT_LABELS_FR,
  ),
  breachNatures: items(Object.keys(BREACH_NATURE_LABELS_FR), BREACH_NATURE_LABELS_FR),
};
