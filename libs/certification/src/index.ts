export * from './certification.module';
export { CertificationEvidence } from './evidence/certification-evidence';
export type { AttachedEvidence, ControlEvidence } from './evidence/certification-evidence';
export type { NewEvidence } from './evidence/evidence.service';
export { HDS_CODE, ISO27001_CODE, annexARef } from './frameworks/builtin-frameworks';
export type { FrameworkDefinition, RequirementDefinition } from './frameworks/framework-definition';
export { validateFrameworkDefinition } from './frameworks/framework-definition';
export {
  ensureBuiltinFrameworks,
  importFramework,
  FrameworkImportError,
} from './frameworks/framework-catalog';
export * from './evidence/evidence-notices';
