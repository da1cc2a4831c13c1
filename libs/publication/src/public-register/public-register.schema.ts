import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PUBLISHABLE_FIELDS } from '../settings/publishable-fields';

/*
 * The documented schema of the open-data JSON (`GET /public/:shortName/registre.json`), for the OpenAPI
 * document; the README describes the same. Keys of closed lists come with their French label; free text is
 * its own label. A field the DPO does not publish is absent from every entry.
 */

class LabelledValue {
  @ApiProperty({ example: 'public-task', description: 'The key of a closed list, or the free text' })
  key: string;

  @ApiProperty({ example: "Mission d'intérêt public (art. 6.1.e)" })
  label: string;
}

class PublicPurpose {
  @ApiProperty()
  description: string;

  @ApiProperty({ type: LabelledValue, description: 'Art. 6.1 legal basis' })
  legalBasis: LabelledValue;

  @ApiProperty({ nullable: true, type: String, example: "Code de l'action sociale et des familles" })
  legalBasisDetail: string | null;
}

class PublicDataCategory {
  @ApiProperty({ type: LabelledValue })
  category: LabelledValue;

  @ApiProperty({ nullable: true, type: String })
  description: string | null;

  @ApiProperty({ example: '5 ans après la clôture du dossier' })
  retention: string;

  @ApiProperty({ type: LabelledValue, description: 'Destruction, versement aux archives publiques, tri' })
  finalFate: LabelledValue;
}

class PublicSpecialCategory {
  @ApiProperty({ type: LabelledValue })
  category: LabelledValue;

  @ApiProperty({ type: LabelledValue, description: 'Art. 9.2 (or Art. 10) condition' })
  condition: LabelledValue;
}

class PublicRecipient {
  @ApiProperty()
  name: string;

  @ApiProperty()
  type: string;
}

class PublicTransfer {
  @ApiProperty()
  recipient: string;

  @ApiProperty({ type: LabelledValue, description: 'ISO 3166-1 alpha-2 code and French name' })
  country: LabelledValue;

  @ApiProperty({ type: LabelledValue, nullable: true, description: 'Chapter V safeguard' })
  safeguard: LabelledValue | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Precision on the safeguard (decision, clauses used…)',
  })
  safeguardDetail: string | null;
}

class PublicEntryDocument {
  @ApiProperty({ format: 'uuid', description: 'Stable: the entry page is /public/:shortName/registre/:id' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'Last validated (Paris day)' })
  validatedOn: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  description?: string | null;

  @ApiPropertyOptional({ type: [PublicPurpose] })
  purposes?: PublicPurpose[];

  @ApiPropertyOptional({ type: [LabelledValue] })
  dataSubjects?: LabelledValue[];

  @ApiPropertyOptional({ type: [PublicDataCategory], description: 'With their retention and final fate' })
  dataCategories?: PublicDataCategory[];

  @ApiPropertyOptional({ type: [PublicSpecialCategory] })
  specialCategories?: PublicSpecialCategory[];

  @ApiPropertyOptional({ type: [PublicRecipient] })
  recipients?: PublicRecipient[];

  @ApiPropertyOptional({ type: [PublicTransfer] })
  transfers?: PublicTransfer[];

  @ApiPropertyOptional({ type: [String] })
  securityMeasures?: string[];

  @ApiPropertyOptional({ type: [String], description: "The applications' names (field applicationIds)" })
  applications?: string[];
}

class PublicOrganisation {
  @ApiProperty({ example: 'Mairie de Gentilly' })
  name: string;

  @ApiProperty({ example: 'GENTILLY' })
  shortName: string;
}

class PublicDpo {
  @ApiProperty({ nullable: true, type: String })
  name: string | null;

  @ApiProperty({ nullable: true, type: String })
  email: string | null;

  @ApiProperty({ nullable: true, type: String })
  phone: string | null;
}

export class PublicRegisterDocument {
  @ApiProperty({ enum: ['vigie-registre-public'] })
  schema: string;

  @ApiProperty({ enum: [1] })
  schemaVersion: number;

  @ApiProperty({ type: PublicOrganisation, description: 'The controller' })
  organisation: PublicOrganisation;

  @ApiPropertyOptional({
    type: PublicDpo,
    nullable: true,
    description: 'Present when dpoContact is published; null when the member recorded no DPO contact',
  })
  dpo?: PublicDpo | null;

  @ApiProperty({ enum: PUBLISHABLE_FIELDS, isArray: true })
  publishedFields: string[];

  @ApiProperty({ format: 'date-time', description: 'Latest change of what is published' })
  updatedAt: string;

  @ApiProperty({ type: [PublicEntryDocument], description: 'The validated entries, by name' })
  entries: PublicEntryDocument[];
}
