import { unscoped } from '@vigie/authz';
import { Application } from '@vigie/catalog';
import type { FieldError } from '@vigie/core';
import { EntityManager, In } from 'typeorm';
import { DpiaScreening, screenDpia } from '../dpia/dpia-screening';
import { TemplateUpdate, templateUpdateFor } from '../templates/template-update';
import { contentWarnings } from './content-warnings';
import { dpiaAssessmentWarnings } from './dpia-assessment';
import { ProcessingActivity } from './processing-activity.entity';
import { registerWarnings } from './register-rules';
import { todayInParis } from '@vigie/core';

/** The security measures an entry inherits from the hosting of one of its applications. */
export interface InheritedSecurityMeasures {
  applicationId: string;
  applicationName: string;
  measures: string[];
  label: string;
}

/** A register entry as the API shows it. */
export type ProcessingActivityView = Omit<ProcessingActivity, 'createdBy' | 'updatedBy'> & {
  dpia: DpiaScreening;
  /**
   * What is lawful but calls for attention: free text that looks like a special category (Art. 9, 10), a NIR
   * without its ground, a high residual risk without prior consultation (Art. 36), a derogation (Art. 49.3).
   */
  warnings: FieldError[];
  /** Validated, with a review date that has passed. */
  overdue: boolean;
  applications?: { id: string; name: string }[];
  inheritedSecurityMeasures?: InheritedSecurityMeasures[];
  templateUpdate?: TemplateUpdate;
};

/** The catalog applications an entry's view needs, in one query. */
export type ApplicationSummary = Pick<
  Application,
  'id' | 'name' | 'securityMeasures' | 'hosting' | 'dataLocation'
>;

export async function loadApplications(
  manager: EntityManager,
  ids: readonly string[],
): Promise<Map<string, ApplicationSummary>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  // The entry the caller may read names these applications: showing their names and hosting measures is
  // part of showing the entry, even if a deployment was removed since.
  const rows = await unscoped(manager, 'applications a visible entry names are part of that entry').find(
    Application,
    {
      select: { id: true, name: true, securityMeasures: true, hosting: true, dataLocation: true },
      where: { id: In(unique) },
    },
  );
  return new Map(rows.map((row) => [row.id, row]));
}

/** Today's date (YYYY-MM-DD) in Paris, for review dates. */
export { todayInParis };

export function dpiaOf(activity: ProcessingActivity): DpiaScreening {
  return screenDpia({
    dpiaCriteria: activity.dpiaCriteria,
    cnilListItems: activity.cnilListItems,
    art35Cases: activity.art35Cases,
    specialCategories: activity.specialCategories,
    // The NIR has its own field (it is not an Art. 9 category); the screening counts it as sensitive data.
    nir: activity.nir?.used === true,
    dataSubjects: activity.dataSubjects,
    dataCategories: activity.dataCategories,
    cnilExemptionItem: activity.cnilExemptionItem,
    decision: activity.dpiaDecision,
  });
}

/** The entry with its DPIA screening and review state (what a list shows). */
export function summaryView(activity: ProcessingActivity, today = todayInParis()): ProcessingActivityView {
  const { createdBy: _createdBy, updatedBy: _updatedBy, ...fields } = activity;
  return {
    ...fields,
    dpia: dpiaOf(activity),
    warnings: [
      ...contentWarnings(activity),
      ...registerWarnings(activity),
      ...dpiaAssessmentWarnings(activity.dpiaAssessment),
    ],
    overdue: activity.status === 'validated' && !!activity.reviewDate && activity.reviewDate < today,
  };
}

export function inheritedMeasures(
  activity: ProcessingActivity,
  applications: Map<string, ApplicationSummary>,
): InheritedSecurityMeasures[] {
  return activity.applicationIds
    .map((id) => applications.get(id))
    .filter((application): application is ApplicationSummary => !!application)
    .map((application) => ({
      applicationId: application.id,
      applicationName: application.name,
      measures: application.securityMeasures,
      label: `Assurées par l'hébergement de ${application.name}`,
    }));
}

/** The entry with everything one reads on its page: applications, inherited measures, template update. */
export async function detailedView(
  manager: EntityManager,
  activity: ProcessingActivity,
): Promise<ProcessingActivityView> {
  const applications = await loadApplications(manager, activity.applicationIds);
  const view = summaryView(activity);
  view.applications = activity.applicationIds
    .filter((id) => applications.has(id))
    .map((id) => ({ id, name: applications.get(id)!.name }));
  view.inheritedSecurityMeasures = inheritedMeasures(activity, applications);
  const templateUpdate = await templateUpdateFor(manager, activity);
  if (templateUpdate) view.templateUpdate = templateUpdate;
  return view;
}
