export * from './siim94';
export * from './gdpr';
export * from './iso27001';
export * from './hds';
export * from './countries';
export * from './gdpr-labels';
export * from './cnil-lists';
export * from './register-rules';
