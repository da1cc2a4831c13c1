export * from './publication.module';
export * from './settings/register-publication.entity';
export * from './settings/publishable-fields';
export * from './settings/publication.service';
export * from './public-register/public-register.service';
export * from './annual-report/annual-report.service';
