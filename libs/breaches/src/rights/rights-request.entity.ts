import { OrganisationOwnedEntity } from '@vigie/db';
import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import type { Channel, RightsRequestStatus } from './rights-rules';

/** A request by a person exercising a GDPR right with a member (Art. 12 and 15–22). */
@Entity('rights_request')
@Check(
  'CHK_rights_request_status',
  `"status" IN ('received', 'identity-pending', 'in-progress', 'extended', 'answered', 'refused')`,
)
@Check(
  'CHK_rights_request_answer_channel',
  `"answer_channel" IN ('email', 'postal-mail', 'in-person', 'online-form', 'phone')`,
)
@Check(
  'CHK_rights_request_received_channel',
  `"received_channel" IN ('email', 'postal-mail', 'in-person', 'online-form', 'phone')`,
)
@Check('CHK_rights_request_extension', `"extension_months" BETWEEN 0 AND 2`)
@ForeignKey('Organisation', ['organisationId'], ['id'], { name: 'FK_rights_request_organisation' })
@Index('idx_rights_request_organisation_received', ['organisationId', 'receivedAt', 'id'])
@Index('idx_rights_request_organisation_due', ['organisationId', 'status', 'dueDate'])
export class RightsRequest extends OrganisationOwnedEntity {
  /** A key of `GDPR.rights`. */
  @Column({ type: 'varchar', length: 30 })
  right: string;

  @Column({ name: 'requester_name', type: 'varchar', length: 200 })
  requesterName: string;

  @Column({ name: 'requester_contact', type: 'varchar', length: 300, nullable: true })
  requesterContact: string | null;

  @Column({ type: 'text', nullable: true })
  details: string | null;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  @Column({ name: 'received_channel', type: 'varchar', length: 20, nullable: true })
  receivedChannel: Channel | null;

  /** Last Paris calendar day to answer: one month after receipt, plus the extension (YYYY-MM-DD). */
  @Column({ name: 'due_date', type: 'date' })
  dueDate: string;

  @Column({ type: 'varchar', length: 20, default: 'received' })
  status: RightsRequestStatus;

  @Column({ name: 'identity_checked', type: 'boolean', default: false })
  identityChecked: boolean;

  @Column({ name: 'identity_checked_at', type: 'timestamptz', nullable: true })
  identityCheckedAt: Date | null;

  @Column({ name: 'extension_months', type: 'integer', default: 0 })
  extensionMonths: number;

  @Column({ name: 'extension_reason', type: 'text', nullable: true })
  extensionReason: string | null;

  @Column({ name: 'extended_at', type: 'timestamptz', nullable: true })
  extendedAt: Date | null;

  @Column({ name: 'processing_activity_ids', type: 'uuid', array: true, default: () => "'{}'" })
  processingActivityIds: string[];

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  @Column({ name: 'answer_channel', type: 'varchar', length: 20, nullable: true })
  answerChannel: Channel | null;

  @Column({ name: 'refusal_reason', type: 'text', nullable: true })
  refusalReason: string | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @ForeignKey('User', { name: 'FK_rights_request_creator' })
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @ForeignKey('User', { name: 'FK_rights_request_updater' })
  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;
}
