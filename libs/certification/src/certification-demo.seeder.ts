import { scoped, unscoped } from '@vigie/authz';
import { RequestContext } from '@vigie/core';
import type { DemoSeeder, DemoWorld } from '@vigie/identity';
import { EntityManager } from 'typeorm';
import { HDS_CODE, ISO27001_CODE } from './frameworks/builtin-frameworks';
import { EvidenceService } from './evidence/evidence.service';
import { RequirementAssessment } from './assessments/requirement-assessment.entity';
import { addDays, todayInParis } from './dates';

const RSSI = 'rssi@siim94.demo';

/** Demo statuses: a certification well under way, with one exclusion and one overdue item. */
const ISO_DEMO: Record<string, Partial<RequirementAssessment>> = {
  '4.1': { status: 'implemented' },
  '4.2': { status: 'implemented' },
  '4.3': { status: 'implemented' },
  '6.1.2': { status: 'in-progress' },
  'A.5.1': { status: 'implemented', inclusionReasons: ['legal', 'risk-treatment'] },
  'A.5.15': { status: 'implemented', inclusionReasons: ['risk-treatment'] },
  'A.5.18': { status: 'in-progress', inclusionReasons: ['risk-treatment', 'contractual'] },
  'A.8.13': { status: 'implemented', inclusionReasons: ['contractual', 'risk-treatment'] },
  'A.8.28': {
    applicable: false,
    status: 'not-applicable',
    justification:
      'Aucun développement logiciel interne : les applications hébergées sont développées par leurs éditeurs (voir A.8.30).',
  },
};

/** The seeder's one escape hatch: demo data written (INSERT, UPDATE) as system work, before any caller exists. */
function demoRows(manager: EntityManager): EntityManager {
  return unscoped(manager, 'writes of demo data by the seeder (system work, before any caller)');
}

/** Demo data: the operator's current ISO 27001 and HDS assessments, with a policy as shared evidence. */
export function certificationDemoSeeder(evidence: EvidenceService): DemoSeeder {
  return {
    order: 50,
    name: 'certification',
    async seed(manager: EntityManager, ctx: RequestContext, world: DemoWorld) {
      const owner = world.users.get(RSSI) ?? null;
      const iso = await createAssessment(manager, world, ISO27001_CODE, 'ISO 27001 — certification 2026', {});
      const hds = await createAssessment(manager, world, HDS_CODE, 'HDS v2 — certification 2026', {
        hdsActivities: [1, 2, 3, 4, 5, 6],
      });
      const overdueDate = addDays(todayInParis(), -10);
      for (const [ref, state] of Object.entries(ISO_DEMO)) {
        await demoRows(manager).query(
          `UPDATE requirement_assessment ra SET applicable = $3, status = $4, justification = $5,
             inclusion_reasons = $6::jsonb, owner_id = $7, due_date = $8
           FROM framework_requirement fr WHERE fr.id = ra.requirement_id AND ra.assessment_id = $1 AND fr.ref = $2`,
          [
            iso,
            ref,
            state.applicable ?? true,
            state.status,
            state.justification ?? null,
            JSON.stringify(state.inclusionReasons ?? []),
            owner,
            ref === '6.1.2' ? overdueDate : null,
          ],
        );
      }
      const policy = await evidence.insert(manager, ctx, world.operatorId, {
        fileName: 'politique-securite-si.txt',
        bytes: Buffer.from(
          'Politique de sécurité du système d’information du SIIM 94\n' +
            'Approuvée par le comité syndical. Elle couvre l’hébergement des données de santé.\n',
        ),
        effectiveDate: addDays(todayInParis(), -90),
        expiresAt: addDays(todayInParis(), 20),
        description: 'PSSI en vigueur',
      });
      for (const [assessmentId, ref] of [
        [iso, 'A.5.1'],
        [hds, 'EXI-02'],
      ]) {
        const ra = await scoped(manager, RequestContext.system('certification-demo'))
          .query('Assessment', RequirementAssessment, 'ra')
          .innerJoin('framework_requirement', 'fr', 'fr.id = ra.requirement_id')
          .andWhere('ra.assessmentId = :assessmentId AND fr.ref = :ref', { assessmentId, ref })
          .getOneOrFail();
        await evidence.insertLink(manager, ctx, policy, ra);
      }
    },
  };
}

async function createAssessment(
  manager: EntityManager,
  world: DemoWorld,
  code: string,
  name: string,
  scope: object,
): Promise<string> {
  const [{ id }]: { id: string }[] = await demoRows(manager).query(
    `INSERT INTO assessment (organisation_id, framework_id, name, scope)
     SELECT $1, f.id, $3, $4::jsonb FROM framework f WHERE f.code = $2 RETURNING id`,
    [world.operatorId, code, name, JSON.stringify(scope)],
  );
  await demoRows(manager).query(
    `INSERT INTO requirement_assessment (organisation_id, assessment_id, requirement_id)
     SELECT $1, $2, r.id FROM framework_requirement r JOIN framework f ON f.id = r.framework_id
     WHERE f.code = $3 AND r.assessable`,
    [world.operatorId, id, code],
  );
  return id;
}
