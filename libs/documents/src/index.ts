export * from './documents.module';
export * from './documents.service';
export * from './generated-document.entity';
export * from './download';
export * from './pdf/pdf-report';
export * from './pdf/french-format';
export * from './files/file-sniffer';
export type { Bar } from './pdf/bar-chart';
