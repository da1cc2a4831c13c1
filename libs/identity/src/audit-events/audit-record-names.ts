import { Injectable } from '@nestjs/common';

/**
 * How the records of the libs above identity are named in the audit trail, each given by the lib that owns the
 * table (identity cannot import them): SQL answering `id, name`, with `$1` the ids and `$2` the organisation
 * whose trail it is (records of another member are never named).
 */
@Injectable()
export class AuditRecordNames {
  private readonly sources: string[] = [];

  register(sql: string): void {
    this.sources.push(sql);
  }

  all(): readonly string[] {
    return this.sources;
  }
}
