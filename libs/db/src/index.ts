export * from './embedded-postgres';
export * from './data-source-options';
export * from './migrate';
export * from './base.entity';
export * from './transactions';
export * from './locking';
export * from './pg-errors';
export * from './pagination';
