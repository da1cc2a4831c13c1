import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Decision } from './access-review-item.entity';

/** One step of an item's history: a decision (every one, not only the last) or a reassignment. */
@Entity('access_review_event')
@Check('CHK_access_review_event_kind', `"kind" IN ('decision', 'reassignment')`)
@Index('idx_access_review_event_item', ['itemId', 'at'])
@Index('idx_access_review_event_organisation', ['organisationId'])
export class AccessReviewEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('Organisation', { name: 'FK_access_review_event_organisation' })
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ForeignKey('AccessReviewItem', { name: 'FK_access_review_event_item', onDelete: 'CASCADE' })
  @Column({ name: 'item_id', type: 'uuid' })
  itemId: string;

  @Column({ type: 'varchar', length: 20 })
  kind: 'decision' | 'reassignment';

  @Column({ type: 'varchar', length: 10, nullable: true })
  decision: Decision | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  reason: string | null;

  /** The reviewer in charge after this step. */
  @ForeignKey('User', { name: 'FK_access_review_event_reviewer' })
  @Column({ name: 'reviewer_id', type: 'uuid', nullable: true })
  reviewerId: string | null;

  @ForeignKey('User', { name: 'FK_access_review_event_actor' })
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
