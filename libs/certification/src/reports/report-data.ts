import type { RequirementAssessmentView } from '../assessments/assessment.view';
import type { ProgressView } from '../assessments/progress.service';

/** A requirement assessment with what the PDFs print about its evidence and owner. */
export interface ReportRow extends RequirementAssessmentView {
  evidence: {
    fileName: string;
    sha256: string;
    effectiveDate: string;
    expiresAt: string | null;
    expired: boolean;
  }[];
  ownerName: string | null;
}

/** Everything a certification PDF shows, gathered before rendering. */
export interface ReportData {
  organisationName: string;
  assessment: {
    id: string;
    name: string;
    scope: { hdsActivities?: number[] };
    createdAt: Date;
    version: number;
  };
  framework: { code: string; name: string; edition: string; activities: { number: number; label: string }[] };
  rows: ReportRow[];
  progress: ProgressView;
  generatedAt: Date;
}
