import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Organisation } from '../organisations/organisation.entity';
import { User } from '../users/user.entity';

/** A role held by a user in an organisation. One user may hold roles in several organisations. */
@Entity('membership')
@Index('uq_membership', ['organisationId', 'userId', 'role'], { unique: true })
@Index('idx_membership_user', ['userId'])
export class Membership {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'FK_membership_organisation' })
  organisation?: Organisation;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_membership_user' })
  user?: User;

  @Column({ type: 'varchar', length: 30 })
  role: string;

  /**
   * The last day (Paris time) the membership grants anything; after it, it counts for nothing (sign-in,
   * tokens, sessions, notices). Only an auditor's membership carries one; null: no end.
   */
  @Column({ name: 'ends_on', type: 'date', nullable: true })
  endsOn: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
