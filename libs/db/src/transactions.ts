import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs a unit of work in one transaction. Services take the manager it hands them for every query of that
 * mutation, including the audit event.
 */
@Injectable()
export class Transactions {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('READ COMMITTED', work);
  }

  /** The manager for reads outside any transaction. */
  get reader(): EntityManager {
    return this.dataSource.manager;
  }
}
