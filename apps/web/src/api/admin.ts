import { api, unwrap, type Schemas } from './client';
import type { Page } from './lists';

// Several administration answers have no response schema in the OpenAPI document yet: the fields these
// screens read are typed here (the request bodies are checked against the document).
export interface OrganisationItem {
  id: string;
  name: string;
  shortName: string;
  kind: 'operator' | 'member' | 'vendor';
  siren: string | null;
  version: number;
  contact: { address?: string; postalCode?: string; city?: string; email?: string; phone?: string } | null;
  representative: { name?: string; title?: string } | null;
  dpo: { name?: string; email?: string; phone?: string; designationReference?: string } | null;
}
export interface UserItem {
  id: string;
  email: string;
  displayName: string;
  disabled: boolean;
  version: number;
  createdAt: string;
}
export type MembershipItem = Schemas['MembershipView'];
export interface ApplicationItem {
  id: string;
  name: string;
  domain: string;
  purpose: string | null;
  vendorId: string | null;
  hosting: 'operator' | 'vendor-saas' | 'member';
  dataLocation: string;
  healthData: boolean;
  securityMeasures: string[];
  version: number;
}
export interface DeploymentItem {
  id: string;
  applicationId: string;
  organisationId: string;
  organisationName: string;
  createdAt: string;
}
export interface TemplateItem {
  id: string;
  applicationId: string;
  name: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}
/** One field a template version changed, with its values before and after. */
export interface TemplateFieldChange {
  field: string;
  label: string;
  before: unknown;
  after: unknown;
}
export interface TemplateVersionItem {
  version: number;
  publishedAt: string;
  publishedBy: string | null;
  publishedByName: string | null;
  changes: TemplateFieldChange[];
  content: Record<string, unknown>;
}
export interface TemplateVersions {
  templateId: string;
  applicationId: string;
  name: string;
  version: number;
  items: TemplateVersionItem[];
}
export interface IncidentItem {
  id: string;
  title: string;
  awareAt: string;
  occurredAt: string | null;
  createdAt: string;
  applications: { id: string; name: string }[];
  members: {
    organisationId: string;
    organisationName: string;
    breachId?: string;
    breachStatus: string;
    processorNotifiedAt: string | null;
    assessedAt: string | null;
    cnilNotifiedAt: string | null;
    closedAt: string | null;
  }[];
}

const MAX = 200;

export const organisationsList = (kind?: 'member' | 'vendor' | 'operator') =>
  unwrap(
    api.GET('/api/v1/organisations', { params: { query: { pageSize: MAX, ...(kind ? { kind } : {}) } } }),
  ) as unknown as Promise<Page<OrganisationItem>>;
export const organisationById = (id: string) =>
  unwrap(api.GET('/api/v1/organisations/{id}', { params: { path: { id } } })) as unknown as Promise<
    OrganisationItem & { warnings: { field: string; message: string }[] }
  >;
export const usersList = () =>
  unwrap(api.GET('/api/v1/users', { params: { query: { pageSize: MAX } } })) as unknown as Promise<
    Page<UserItem>
  >;
export const membershipsOf = (id: string) =>
  unwrap(
    api.GET('/api/v1/organisations/{id}/memberships', {
      params: { path: { id }, query: { pageSize: MAX } },
    }),
  );
export const applicationsList = () =>
  unwrap(api.GET('/api/v1/applications', { params: { query: { pageSize: MAX } } })) as unknown as Promise<
    Page<ApplicationItem>
  >;
export const applicationById = (id: string) =>
  unwrap(
    api.GET('/api/v1/applications/{id}', { params: { path: { id } } }),
  ) as unknown as Promise<ApplicationItem>;
export const deploymentsOf = (id: string) =>
  unwrap(
    api.GET('/api/v1/applications/{id}/deployments', { params: { path: { id } } }),
  ) as unknown as Promise<Page<DeploymentItem>>;
export const templatesOf = (id: string) =>
  unwrap(
    api.GET('/api/v1/applications/{id}/register-templates', { params: { path: { id } } }),
  ) as unknown as Promise<{ items: TemplateItem[] }>;
export const templateById = (id: string) =>
  unwrap(api.GET('/api/v1/register-templates/{id}', { params: { path: { id } } })) as unknown as Promise<
    TemplateItem & { content: Record<string, unknown> }
  >;
export const templateVersionsOf = (id: string) =>
  unwrap(
    api.GET('/api/v1/register-templates/{id}/versions', { params: { path: { id } } }),
  ) as unknown as Promise<TemplateVersions>;
export const incidentsList = () =>
  unwrap(api.GET('/api/v1/incidents', { params: { query: { pageSize: MAX } } })) as unknown as Promise<
    Page<IncidentItem>
  >;

/** Roles by organisation kind (API.md), with their French names. */
export const ROLES_BY_KIND: Record<string, string[]> = {
  operator: ['admin', 'security-officer', 'auditor'],
  member: ['dpo', 'editor', 'reader'],
  vendor: ['vendor-contact'],
};
export const KIND_LABELS: Record<string, string> = {
  operator: 'Opérateur',
  member: 'Membre',
  vendor: 'Fournisseur',
};
export const HOSTING_LABELS: Record<string, string> = {
  operator: 'Hébergée par l’opérateur',
  'vendor-saas': 'SaaS de l’éditeur',
  member: 'Chez le membre',
};
