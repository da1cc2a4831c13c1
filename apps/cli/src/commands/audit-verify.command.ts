import {
  appendAuditCheckpoint,
  readAuditCheckpoints,
  resolveAuditKey,
  takeAuditCheckpoint,
  verifyAuditTrail,
} from '@vigie/core';
import type { CliCommand } from '../command';
import { withDataSource } from '../database';

export const auditVerifyCommand: CliCommand = {
  name: 'audit:verify',
  usage: 'audit:verify',
  description:
    'Recompute the audit chain under the audit key and check it against every signed checkpoint (exit code 1 when broken)',
  run: (_args, config, out) =>
    withDataSource(config, async (dataSource) => {
      const key = Buffer.from(resolveAuditKey(config), 'utf8');
      const checkpoints = await readAuditCheckpoints(config.auditCheckpointFile);
      const result = await verifyAuditTrail(dataSource.manager, key, checkpoints);
      if (result.ok) {
        out(`Audit chain intact: ${result.checked} events verified, ${result.checkpoints} checkpoints match`);
        if (checkpoints.length === 0) out(`No checkpoint yet in ${config.auditCheckpointFile}`);
        return 0;
      }
      if ('brokenAt' in result) {
        out(
          `Audit chain BROKEN at event #${result.brokenAt.seq} (${result.brokenAt.id}): ${result.brokenAt.reason}`,
        );
        out(`${result.checked} events before it are intact`);
      } else {
        out(`Audit chain does NOT match the checkpoint of ${result.checkpoint.at}: ${result.reason}`);
      }
      return 1;
    }),
};

export const auditCheckpointCommand: CliCommand = {
  name: 'audit:checkpoint',
  usage: 'audit:checkpoint [reason]',
  description:
    'Sign the head of the audit chain and append it to the checkpoint file (VIGIE_AUDIT_CHECKPOINT_FILE)',
  run: (args, config, out) =>
    withDataSource(config, async (dataSource) => {
      const key = Buffer.from(resolveAuditKey(config), 'utf8');
      const reason = args.join(' ').trim() || 'ligne de commande';
      const checkpoint = await takeAuditCheckpoint(dataSource.manager, key, reason);
      if (!checkpoint) {
        out('The audit chain is empty: nothing to sign');
        return 0;
      }
      await appendAuditCheckpoint(config.auditCheckpointFile, checkpoint);
      out(
        `Checkpoint: event #${checkpoint.seq}, ${checkpoint.count} events, written to ${config.auditCheckpointFile}`,
      );
      return 0;
    }),
};
