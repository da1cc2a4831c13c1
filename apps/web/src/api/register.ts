import { api, unwrap, type Entry } from './client';

// Fields of an entry the OpenAPI document does not describe yet (its response schema lists the Art. 30 fields
// only): typed here for the register's screens.
export interface DpiaAssessment {
  status: 'in-progress' | 'done';
  startedAt?: string;
  completedAt?: string;
  reference?: string;
  residualRisk?: 'low' | 'medium' | 'high';
  priorConsultation?: boolean;
  conclusion?: string;
  recordedAt: string;
  recordedByName?: string | null;
}
export interface NirUse {
  used: boolean;
  legalGround?: string;
  reference?: string;
}
export interface TemplateDifference {
  field: string;
  label: string;
  entryValue: unknown;
  templateValue: unknown;
  previousTemplateValue: unknown;
}
export interface TemplateUpdate {
  templateId: string;
  templateName: string;
  available: boolean;
  fromVersion: number;
  toVersion: number;
  differences: TemplateDifference[];
}
export type EntryDetail = Omit<Entry, 'templateUpdate'> & {
  nir?: NirUse | null;
  cnilExemptionItem?: string | null;
  dpiaAssessment?: DpiaAssessment | null;
  warnings?: { field: string; message: string }[];
  templateUpdate?: TemplateUpdate;
};

export interface HistoryItem {
  version: number;
  at: string;
  actorName: string | null;
  action: string;
  status: string;
  changedFields: string[];
  changedFieldLabels: string[];
  note: string | null;
}
export type HistoryVersion = HistoryItem & { snapshot: Record<string, unknown> };

export const historyVersion = (id: string, version: number) =>
  unwrap(
    api.GET('/api/v1/processing-activities/{id}/history/{version}', {
      params: { path: { id, version } },
    }),
  ) as unknown as Promise<HistoryVersion>;

export interface RegisterTemplate {
  id: string;
  applicationId: string;
  name: string;
  version: number;
  content?: { name?: string; description?: string | null };
}
export interface ApplicationOption {
  id: string;
  name: string;
}

/** The applications the person may see (for a member: those deployed for it). */
export const applicationsVisible = async () =>
  (
    (await unwrap(api.GET('/api/v1/applications', { params: { query: { pageSize: 200 } } }))) as unknown as {
      items: ApplicationOption[];
    }
  ).items;

export const templatesOf = async (applicationId: string) =>
  (
    (await unwrap(
      api.GET('/api/v1/applications/{id}/register-templates', { params: { path: { id: applicationId } } }),
    )) as unknown as { items: RegisterTemplate[] }
  ).items;
