import { verifyAuditChain } from '@vigie/core';
import type { CliCommand } from '../command';
import { withDataSource } from '../database';

export const auditVerifyCommand: CliCommand = {
  name: 'audit:verify',
  usage: 'audit:verify',
  description: 'Recompute the audit hash chain and report the first broken link (exit code 1)',
  run: (_args, config, out) =>
    withDataSource(config, async (dataSource) => {
      const result = await verifyAuditChain(dataSource.manager);
      if (result.ok) {
        out(`Audit chain intact: ${result.checked} events verified`);
        return 0;
      }
      out(
        `Audit chain BROKEN at event #${result.brokenAt.seq} (${result.brokenAt.id}): ${result.brokenAt.reason}`,
      );
      out(`${result.checked} events before it are intact`);
      return 1;
    }),
};
