import { createDueRecurrences } from '@vigie/access-reviews';
import { RequestContext } from '@vigie/core';
import type { DataSource } from 'typeorm';
import type { CliCommand } from '../command';
import { withDataSource } from '../database';

/** Creates the due recurring campaigns on `dataSource` and reports them (shared with the e2e test). */
export async function scheduleAccessReviews(
  dataSource: DataSource,
  out: (line: string) => void,
): Promise<number> {
  const created = await createDueRecurrences(
    dataSource,
    RequestContext.system('cli:access-reviews:schedule'),
  );
  out(
    created.length === 0
      ? 'No recurring access review is due: nothing created'
      : `${created.length} access review(s) created:`,
  );
  for (const campaign of created) {
    out(
      `  ${campaign.id}  "${campaign.name}" due ${campaign.dueDate} (after ${campaign.previousCampaignId})`,
    );
  }
  return 0;
}

export const accessReviewsScheduleCommand: CliCommand = {
  name: 'access-reviews:schedule',
  usage: 'access-reviews:schedule',
  description: 'Create the next campaign of every recurring access review that is due (idempotent)',
  run: (args, config, out) => {
    if (args.length > 0) {
      out('Usage: npm run cli -- access-reviews:schedule');
      return Promise.resolve(2);
    }
    return withDataSource(config, (dataSource) => scheduleAccessReviews(dataSource, out));
  },
};
