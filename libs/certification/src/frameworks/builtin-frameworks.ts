import { HDS_V2, ISO27001_ANNEX_A, ISO27001_CLAUSES } from '@vigie/reference-data';
import type { FrameworkDefinition } from './framework-definition';

export const ISO27001_CODE = 'iso27001-2022';
export const HDS_CODE = 'hds-v2';

/** `5.18` or `A.5.18` → `A.5.18`: how Annex A controls are referenced here (clause 5.1 ≠ control 5.1). */
export function annexARef(controlId: string): string {
  return controlId.startsWith('A.') ? controlId : `A.${controlId}`;
}

/**
 * ISO/IEC 27001:2022 with French titles (`title`, `group`: what a French reader reads) and the English ones of
 * the standard beside them (`titleEn`, `groupEn`). A clause is grouped under its top clause (`6 Planification`).
 */
function iso27001(): FrameworkDefinition {
  const parents = new Set(ISO27001_CLAUSES.map((c) => c.parent).filter((p): p is string => p !== null));
  const top = new Map(ISO27001_CLAUSES.filter((c) => c.parent === null).map((c) => [c.id, c]));
  return {
    code: ISO27001_CODE,
    name: 'ISO/IEC 27001:2022',
    edition: '2022',
    description:
      "Exigences du système de management de la sécurité de l'information (articles 4 à 10) et les 93 mesures de l'annexe A",
    requirements: [
      ...ISO27001_CLAUSES.map((clause) => {
        const head = top.get(clause.id.split('.')[0])!;
        return {
          ref: clause.id,
          title: clause.titleFr,
          titleEn: clause.title,
          group: `${head.id} ${head.titleFr}`,
          groupEn: `${head.id} ${head.title}`,
          kind: 'clause' as const,
          parent: clause.parent ?? undefined,
          assessable: !parents.has(clause.id),
        };
      }),
      ...ISO27001_ANNEX_A.map((control) => ({
        ref: annexARef(control.id),
        title: control.titleFr,
        titleEn: control.title,
        group: control.themeFr,
        groupEn: control.theme,
        kind: 'control' as const,
        assessable: true,
      })),
    ],
  };
}

/** HDS v2: activities as art. R.1111-9 CSP words them, requirements and chapters in French, English beside. */
function hdsV2(): FrameworkDefinition {
  const isoClauses = new Set(ISO27001_CLAUSES.map((c) => c.id));
  return {
    code: HDS_CODE,
    name: 'HDS v2',
    edition: 'v2 (arrêté du 26 avril 2024)',
    description: HDS_V2.referential,
    activities: HDS_V2.activities.map(({ number, label, labelFr }) => ({
      number,
      label: labelFr,
      labelEn: label,
    })),
    requirements: HDS_V2.requirements.map((requirement) => {
      const anchor = requirement.anchor && requirement.anchor !== 'n/a' ? requirement.anchor : undefined;
      return {
        ref: requirement.id,
        title: requirement.summaryFr,
        titleEn: requirement.summary,
        group: requirement.chapterFr,
        groupEn: requirement.chapter,
        kind: 'requirement' as const,
        assessable: true,
        anchor: anchor && isoClauses.has(anchor) ? { framework: ISO27001_CODE, ref: anchor } : anchor,
      };
    }),
  };
}

/** The frameworks Vigie ships, built from `libs/reference-data` (ISO first: HDS anchors point into it). */
export function builtinFrameworks(): FrameworkDefinition[] {
  return [iso27001(), hdsV2()];
}
