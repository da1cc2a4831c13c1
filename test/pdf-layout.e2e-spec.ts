import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { breachPayload } from './support/breach-fixtures';
import { pdfText } from './support/pdf-text';
import { entryPayload } from './support/register-fixtures';
import { createTestApp, TestApp } from './support/test-app';
import { as } from './support/world';
import { MatrixFixtures } from './robustness/matrix/fixtures';

const API = '/api/v1';
const TOWN = 'Mairie de Villeneuve-Saint-Georges';
const APPLICATION = 'Plateforme d’interopérabilité des télécommunications';
const VENDOR = 'Télécommunications et pseudonymisation SA';
/** Long words of the data, none of which may be cut across two lines of any PDF. */
const LONG_WORDS = [
  'pseudonymisation',
  'Pseudonymisation',
  'télécommunications',
  'Télécommunications',
  'interopérabilité',
  'Villeneuve-Saint-Georges',
  'recommandations',
  'confidentialité',
  'authentification',
  'intercommunalité',
];
const LONG_TEXT =
  'Pseudonymisation des identifiants avant toute interopérabilité avec les opérateurs de télécommunications, ' +
  'selon les recommandations de la CNIL sur l’authentification et la confidentialité, pour Villeneuve-Saint-Georges.';

/** The ways a word can be cut across two lines: « pseudony » at the end of one, « misation » starting the next. */
function cutWords(text: string): string[] {
  const cuts: string[] = [];
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const word of LONG_WORDS) {
    for (let k = 2; k <= word.length - 2; k += 1) {
      // A compound broken after its own hyphen (« Villeneuve-Saint-⏎Georges ») is how French wraps it.
      if (word[k - 1] === '-') continue;
      const head = word.slice(0, k);
      const tail = word.slice(k);
      // The tail may start the next line or a cell further along it (tables put cells side by side).
      const pattern = new RegExp(`${escape(head)}-?\\n(?:[^\\n]*[\\s(«'’])?${escape(tail)}`, 'u');
      const match = pattern.exec(text);
      if (match) cuts.push(`${word} cut as « ${match[0].replace(/\n/g, '⏎')} »`);
    }
  }
  return cuts;
}

/** Every word of the data sent, to tell a word cut in two from two words that follow each other. */
const VOCABULARY = new Set(
  [LONG_TEXT, TOWN, APPLICATION, VENDOR, ...LONG_WORDS]
    .join(' ')
    .toLowerCase()
    .split(/[^\p{L}-]+/u)
    .filter((w) => w.length > 3),
);

/**
 * Lines that end inside a word without a hyphen: the last letters of a line and the first of the next make a
 * word of the data, while neither part is one.
 */
function linesEndingMidWord(text: string): string[] {
  const lines = text.split('\n');
  const found: string[] = [];
  for (let i = 0; i + 1 < lines.length; i += 1) {
    const end = /(\p{L}{1,})$/u.exec(lines[i]);
    const start = /^(\p{Ll}{1,})/u.exec(lines[i + 1]);
    if (!end || !start) continue;
    const head = end[1].toLowerCase();
    const tail = start[1];
    if (VOCABULARY.has(`${head}${tail}`) && !VOCABULARY.has(head) && !VOCABULARY.has(tail)) {
      found.push(`${lines[i]}⏎${lines[i + 1]}`);
    }
  }
  return found;
}

/**
 * Every kind of PDF Vigie produces, generated through the API from data holding long words (a town with a
 * compound name, long technical terms in narrow table columns): no word is cut in the middle, each appears
 * whole, and dates read « 1er décembre 2026 ».
 */
describe('PDF layout: no word cut, in every kind of document (e2e)', () => {
  let app: TestApp;
  let fx: MatrixFixtures;
  const pdfs = new Map<string, string>();

  async function call(
    actor: Parameters<typeof as>[0],
    method: 'post' | 'patch' | 'put',
    path: string,
    body: object,
  ) {
    const response = await app.http[method](`${API}${path}`).set(as(actor)).send(body);
    if (response.status >= 300)
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  beforeAll(async () => {
    app = await createTestApp();
    fx = await new MatrixFixtures(app).build();
    const { world } = fx;
    await call(world.admin, 'patch', `/organisations/${world.memberA.id}`, {
      name: TOWN,
      version: await fx.version('organisation', world.memberA.id),
    });
    await call(world.admin, 'patch', `/organisations/${world.vendor.id}`, {
      name: VENDOR,
      version: await fx.version('organisation', world.vendor.id),
    });
    await call(world.securityOfficer, 'patch', `/applications/${fx.application.own}`, {
      name: APPLICATION,
      version: await fx.version('application', fx.application.own),
    });
    const activity = await call(
      world.dpoA,
      'post',
      `/organisations/${world.memberA.id}/processing-activities`,
      entryPayload('Gestion intercommunalité des télécommunications', {
        description: LONG_TEXT,
        applicationIds: [fx.application.own],
        purposes: [
          {
            description: 'Pseudonymisation et interopérabilité des annuaires',
            legalBasis: 'public-task',
            legalBasisDetail:
              'Code des postes et des communications électroniques, recommandations de la CNIL',
          },
        ],
        dataCategories: [
          {
            category: 'identity',
            description: 'Identifiants de télécommunications après pseudonymisation',
            retention: '5 ans après la fin de l’intercommunalité',
            finalFate: 'destruction',
          },
        ],
        recipients: [{ name: 'Service interopérabilité', type: 'Service interne de télécommunications' }],
        securityMeasures: ['Authentification forte et confidentialité des échanges (pseudonymisation)'],
      }),
    );
    const cctv = await call(
      world.dpoA,
      'post',
      `/organisations/${world.memberA.id}/processing-activities`,
      entryPayload('Vidéoprotection des espaces publics', { art35Cases: ['public-area-monitoring'] }),
    );
    const breach = await call(
      world.editorA,
      'post',
      `/organisations/${world.memberA.id}/breaches`,
      breachPayload({ title: 'Divulgation de télécommunications', description: LONG_TEXT }),
    );
    const requirements = await app.http
      .get(`${API}/assessments/${fx.assessmentId}/requirements?pageSize=200`)
      .set(as(world.securityOfficer));
    const control = (requirements.body.items as { id: string; ref: string; version: number }[]).find((r) =>
      /^A\.5\./.test(r.ref),
    );
    if (!control) throw new Error('no Annex A control in the fixture assessment');
    await call(world.securityOfficer, 'patch', `/assessments/${fx.assessmentId}/requirements/${control.id}`, {
      applicable: false,
      justification: LONG_TEXT,
      version: control.version,
    });
    const hds = await call(world.securityOfficer, 'post', '/assessments', {
      frameworkCode: 'hds-v2',
      name: 'Certification HDS — interopérabilité des télécommunications',
    });

    const kinds: [string, Parameters<typeof as>[0], string][] = [
      ['registre', world.dpoA, `/organisations/${world.memberA.id}/register.pdf?drafts=include`],
      ['fiche', world.dpoA, `/processing-activities/${activity.id}/sheet.pdf`],
      ['fiche AIPD', world.dpoA, `/processing-activities/${cctv.id}/sheet.pdf`],
      ['registre du sous-traitant', world.securityOfficer, '/processor-register.pdf'],
      ['déclaration d’applicabilité', world.securityOfficer, `/assessments/${fx.assessmentId}/soa.pdf`],
      ['rapport HDS', world.securityOfficer, `/assessments/${hds.id}/report.pdf`],
      ['questionnaire', world.securityOfficer, `/questionnaires/${fx.questionnaire.own}/report.pdf`],
      ['certificat de revue', world.dpoA, `/access-reviews/${fx.closedReview.own}/certificate.pdf`],
      ['fiche de violation', world.dpoA, `/breaches/${breach.id}/record.pdf`],
      ['journal d’audit', world.dpoA, `/organisations/${world.memberA.id}/audit-trail.pdf`],
      ['clauses du contrat', world.securityOfficer, `/contracts/${fx.contract.own}/clauses.pdf`],
    ];
    const dump = process.env.VIGIE_PDF_DUMP;
    if (dump) mkdirSync(dump, { recursive: true });
    for (const [kind, actor, path] of kinds) {
      const bytes = await fx.download(actor, path);
      if (dump) writeFileSync(join(dump, `${kind.replace(/\W+/g, '-')}.pdf`), bytes);
      pdfs.set(kind, (await pdfText(bytes)).text);
    }
    // The matrix fixtures and eleven PDFs take more than the default minute on a loaded machine.
  }, 180_000);
  afterAll(() => app.close());

  it('has checks that see a cut word (pdfkit alone cuts « pseudony⏎misation » in a narrow column)', () => {
    expect(cutWords('la pseudony\nmisation des données')).toHaveLength(1);
    expect(cutWords('Villeneuve-Saint-Geo\nrges')).toHaveLength(1);
    expect(linesEndingMidWord('selon les recomman\ndations de la CNIL')).toHaveLength(1);
    expect(cutWords('la pseudonymisation\ndes données')).toEqual([]);
    expect(linesEndingMidWord('selon les\nrecommandations')).toEqual([]);
  });

  it('generates every kind of PDF', () => {
    expect(pdfs.size).toBe(11);
  });

  it.each([
    ['registre', [TOWN, 'intercommunalité', 'télécommunications']],
    ['fiche', [TOWN, 'pseudonymisation', 'interopérabilité', 'recommandations', 'télécommunications']],
    ['registre du sous-traitant', ['Villeneuve-Saint-Georges', 'interopérabilité']],
    ['déclaration d’applicabilité', ['Pseudonymisation', 'interopérabilité', 'recommandations']],
    ['rapport HDS', ['interopérabilité', 'télécommunications']],
    ['questionnaire', ['Télécommunications', 'pseudonymisation']],
    ['certificat de revue', ['Villeneuve-Saint-Georges', 'interopérabilité']],
    ['fiche de violation', ['Villeneuve-Saint-Georges', 'Pseudonymisation', 'recommandations']],
    ['journal d’audit', ['Villeneuve-Saint-Georges', 'interopérabilité']],
    ['clauses du contrat', ['Télécommunications', 'pseudonymisation']],
  ])('%s: long words whole, none cut across lines', (kind, words) => {
    const text = pdfs.get(kind) ?? '';
    for (const word of words)
      expect({ kind, word, found: text.includes(word) }).toEqual({ kind, word, found: true });
    expect({ kind, cuts: cutWords(text), midWord: linesEndingMidWord(text) }).toEqual({
      kind,
      cuts: [],
      midWord: [],
    });
  });

  it('writes dates one way (« 1er décembre 2026 », « 14 h 05 »), never 01/12/2026, 2026-12-01 or 14:05', () => {
    for (const [kind, text] of pdfs) {
      expect({ kind, short: /\b\d{2}\/\d{2}\/\d{4}\b/.exec(text)?.[0] }).toEqual({ kind, short: undefined });
      // A date inside a file name (« …-2026-12-01.pdf », wrapped anywhere) is part of the name, not a date shown.
      expect({ kind, iso: /\d{4}-\d{2}-\d{2}(?!\.pdf)/.exec(text.replace(/\n/g, ''))?.[0] }).toEqual({
        kind,
        iso: undefined,
      });
      expect({ kind, clock: /\b\d{1,2}:\d{2}\b/.exec(text)?.[0] }).toEqual({ kind, clock: undefined });
      expect({
        kind,
        generated: /Généré le \d{1,2}(er)? \p{L}+ \d{4} à \d{1,2}\u00a0h\u00a0\d{2}/u.test(text),
      }).toEqual({
        kind,
        generated: true,
      });
    }
  });

  it('uses « analyse préalable », agrees the statuses and lists the Art. 35.3 cases once', () => {
    for (const [kind, text] of pdfs)
      expect({ kind, criblage: /criblage/i.test(text) }).toEqual({ kind, criblage: false });
    const sheet = pdfs.get('fiche') ?? '';
    expect(sheet).toMatch(/Fiche de traitement (validée|en brouillon)/);
    expect(sheet).toContain("Résultat de l'analyse préalable");
    expect(pdfs.get('fiche de violation')).toMatch(/Violation (à évaluer|évaluée|notifiée)/);
    const dpia = (pdfs.get('fiche AIPD') ?? '').replace(/\s+/g, ' ');
    expect(dpia).toContain('AIPD requise');
    expect(dpia.split('zone accessible au public').length - 1).toBe(1);
  });

  it('names the records of the audit trail in French, never with raw JSON or bare ids', () => {
    const trail = (pdfs.get('journal d’audit') ?? '').replace(/\s+/g, ' ');
    expect(trail).toContain('Modification · organisation');
    expect(trail).toContain('fiche de traitement');
    expect(trail).toContain('Gestion intercommunalité des télécommunications');
    expect(trail).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    expect(trail).not.toMatch(/[{}"]|\bnull\b|\btrue\b|\bfalse\b/);
  });
});
