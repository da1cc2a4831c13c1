import { addCalendarMonths, dueDateInMonths, parisCalendarDay } from '@vigie/core';
import { MigrationInterface, QueryRunner } from 'typeorm';

interface DueRow {
  id: string;
  received_at: Date;
  extension_months: number;
}

/** Recomputes every rights request's due date, one month (plus its extension) after the Paris day of receipt. */
export async function recomputeDueDates(queryRunner: QueryRunner, move: boolean): Promise<void> {
  const rows: DueRow[] = await queryRunner.query(
    `SELECT "id", "received_at", "extension_months" FROM "rights_request"`,
  );
  for (const row of rows) {
    const receipt = parisCalendarDay(new Date(row.received_at));
    const months = 1 + Number(row.extension_months);
    const due = move ? dueDateInMonths(receipt, months) : addCalendarMonths(receipt, months);
    await queryRunner.query(`UPDATE "rights_request" SET "due_date" = $2::date WHERE "id" = $1`, [
      row.id,
      due,
    ]);
  }
}

/**
 * Breach register details: the public communication made instead of informing each person (Art. 34.3.c), the
 * moment the processor became aware of the incident (its delay to notify the member, Art. 33.2), and the
 * rights requests' due dates moved to the next working day (Regulation 1182/71, art. 3.4).
 */
export class BreachRegisterDetails1765200000000 implements MigrationInterface {
  name = 'BreachRegisterDetails1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "breach"
        ADD COLUMN "public_communication_at" TIMESTAMP WITH TIME ZONE,
        ADD COLUMN "public_communication_means" text,
        ADD COLUMN "processor_aware_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`
      UPDATE "breach" b SET "processor_aware_at" = i."aware_at"
      FROM "incident" i WHERE b."incident_id" = i."id"`);
    await recomputeDueDates(queryRunner, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await recomputeDueDates(queryRunner, false);
    await queryRunner.query(`
      ALTER TABLE "breach"
        DROP COLUMN "processor_aware_at",
        DROP COLUMN "public_communication_means",
        DROP COLUMN "public_communication_at"`);
  }
}
