import { Injectable } from '@nestjs/common';
import { RequestContext } from '@vigie/core';
import { DataSource } from 'typeorm';
import { CreatedCampaign, createDueRecurrences } from './recurrence';

/** The recurring campaigns, for the scheduled job (the CLI calls {@link createDueRecurrences} directly). */
@Injectable()
export class RecurrenceService {
  constructor(private readonly dataSource: DataSource) {}

  run(ctx: RequestContext, today?: string): Promise<CreatedCampaign[]> {
    return createDueRecurrences(this.dataSource, ctx, today);
  }
}
