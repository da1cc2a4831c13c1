export * from './roles';
export * from './role-table';
export * from './ability';
export * from './casl-to-sql';
export * from './scoped-query';
export * from './request-context.decorator';
export * from './public.decorator';
export * from './role-table.markdown';
