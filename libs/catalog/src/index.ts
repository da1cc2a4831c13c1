export * from './catalog.module';
export * from './application.entity';
export * from './deployment.entity';
export * from './applications.service';
export * from './deployments.service';
export * from './deployment-sql';
export * from './is-country-code.validator';
