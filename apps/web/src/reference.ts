// What the register's label module (libs/register/src/data/register-labels.ts) takes from @vigie/reference-data,
// without the rest of that library (other frameworks' data) in the web bundle.
export { GDPR } from '../../../libs/reference-data/src/gdpr';
export {
  DATA_CATEGORY_LABELS_FR,
  DATA_SUBJECT_LABELS_FR,
  SPECIAL_CATEGORY_LABELS_FR,
} from '../../../libs/reference-data/src/gdpr-labels';
export { CNIL_DPIA_NOT_REQUIRED } from '../../../libs/reference-data/src/cnil-lists';
