import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { SHEET_SECTIONS } from '@vigie/register';
import { pdfText } from './support/pdf-text';
import {
  countRows,
  createApplication,
  createEntry,
  entryPayload,
  entryVersion,
} from './support/register-fixtures';
import { createTestApp, TestApp } from './support/test-app';
import { as, createWorld, expectProblem, World } from './support/world';

const api = '/api/v1';

function binary(
  response: { on: (e: string, cb: (chunk?: Buffer) => void) => void; setEncoding?: unknown },
  done: (e: Error | null, body: Buffer) => void,
) {
  const chunks: Buffer[] = [];
  response.on('data', (chunk?: Buffer) => chunks.push(chunk as Buffer));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('Register PDFs and spreadsheets (e2e)', () => {
  let app: TestApp;
  let world: World;
  let application: { id: string; name: string };
  let sheetEntry: { id: string };

  beforeAll(async () => {
    app = await createTestApp();
    world = await createWorld(app);
    application = await createApplication(app, world.admin, 'Crossway', [world.memberA.id], {
      domain: 'Santé publique',
      healthData: true,
      securityMeasures: ['Hébergement certifié HDS', 'Chiffrement des bases de données au repos'],
    });
    sheetEntry = await createEntry(
      app,
      world.dpoA,
      world.memberA.id,
      entryPayload('Dossier patient des centres municipaux de santé', {
        description: 'Prise en charge des patients : 60 000 dossiers, rendez-vous et facturation',
        applicationIds: [application.id],
        dataSubjects: ['patients', 'children'],
        specialCategories: [
          { category: 'health', condition: '9.2.h' },
          { category: 'nir', condition: '9.2.b' },
        ],
        dataCategories: [
          {
            category: 'identity',
            retention: '20 ans après le dernier passage',
            finalFate: 'public-archives',
          },
          {
            category: 'economic-financial',
            description: 'Tiers payant',
            retention: '10 ans',
            finalFate: 'destruction',
          },
        ],
        recipients: [{ name: 'Caisse primaire d’assurance maladie', type: 'Organisme public' }],
        transfers: [{ recipient: 'Éditeur (support)', country: 'CH', safeguard: "Décision d'adéquation" }],
        cnilListItems: ['health-care-institutions'],
      }),
    );
    const library = await createEntry(
      app,
      world.dpoA,
      world.memberA.id,
      entryPayload('Prêts de la médiathèque'),
    );
    await app.http
      .post(`${api}/processing-activities/${library.id}/validate`)
      .set(as(world.dpoA))
      .send({ version: await entryVersion(app, library.id) });
    const mail = await createEntry(
      app,
      world.editorA,
      world.memberA.id,
      entryPayload('Élections professionnelles'),
    );
    await app.http
      .post(`${api}/processing-activities/${mail.id}/validate`)
      .set(as(world.dpoA))
      .send({ version: await entryVersion(app, mail.id) });
    await createEntry(app, world.dpoB, world.memberB.id, entryPayload('Registre de B'));
    const memberA = await app.http.get(`${api}/organisations/${world.memberA.id}`).set(as(world.dpoA));
    const details = await app.http
      .patch(`${api}/organisations/${world.memberA.id}`)
      .set(as(world.dpoA))
      .send({
        contact: {
          address: '95 rue Charles-Frérot',
          postalCode: '94250',
          city: 'Gentilly',
          email: 'contact@gentilly.example.fr',
          phone: '01 99 00 47 00',
        },
        representative: { name: 'Camille Martin', title: 'Maire' },
        dpo: {
          name: 'Aline Garnier',
          email: 'dpo@gentilly.example.fr',
          phone: '01 99 00 47 10',
          designationReference: 'DPO-94-000777',
        },
        version: memberA.body.version,
      });
    expect(details.status).toBe(200);
    const operator = await app.http.get(`${api}/organisations/${world.operatorId}`).set(as(world.admin));
    const operatorDetails = await app.http
      .patch(`${api}/organisations/${world.operatorId}`)
      .set(as(world.admin))
      .send({
        contact: {
          address: '2 rue Robert-Witchitz',
          postalCode: '94200',
          city: 'Ivry-sur-Seine',
          email: 'contact@siim94.example.fr',
          phone: '01 99 00 94 00',
        },
        dpo: { name: 'Marc Duval', email: 'dpo@siim94.example.fr', phone: '01 99 00 94 10' },
        version: operator.body.version,
      });
    expect(operatorDetails.status).toBe(200);
  });
  afterAll(() => app.close());

  describe('PDFs', () => {
    it("renders a member's working copy in French with every section, stored as a generated record", async () => {
      const before = await countRows(app, 'generated_document');
      const response = await app.http
        .get(`${api}/organisations/${world.memberA.id}/register.pdf?drafts=include`)
        .set(as(world.sharedDpo))
        .buffer(true)
        .parse(binary);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      const text = (await pdfText(response.body as Buffer)).text.replace(/[ \n]+/g, ' ');
      expect(text).toContain('Registre — copie de travail');
      expect(text).toContain('Mairie de Gentilly');
      expect(text).toContain('Aline Garnier');
      for (const section of SHEET_SECTIONS) expect(text).toContain(section);
      expect(text).toMatch(/Traitements validés : 2 \(66,7\s%\)/u);
      expect(text).toContain('Dossier patient des centres municipaux de santé');
      expect(text).toContain('60 000 dossiers');
      expect(text).toContain('Données de santé');
      expect(text).toContain("Mission d'intérêt public (art. 6.1.e)");
      expect(text).toContain("Assurées par l'hébergement de Crossway");
      expect(text).toContain('Hébergement certifié HDS');
      expect(text).toContain('Suisse (CH)');
      expect(text).toContain('Versement aux archives publiques');
      expect(text).toContain('AIPD requise');
      expect(text).not.toContain('Registre de B');
      expect(await countRows(app, 'generated_document')).toBe(before + 1);
      const records = await app.http
        .get(`${api}/documents?organisationId=${world.memberA.id}`)
        .set(as(world.readerA));
      expect(records.body.items[0]).toMatchObject({
        kind: 'register-working-copy',
        title: 'Registre — copie de travail — Mairie de Gentilly',
        id: response.headers['x-document-id'],
      });
    });

    it('names the controller on the first page: address, contact, legal representative, DPO with contact', async () => {
      const response = await app.http
        .get(`${api}/organisations/${world.memberA.id}/register.pdf`)
        .set(as(world.readerA))
        .buffer(true)
        .parse(binary);
      expect(response.status).toBe(200);
      const first = (await pdfText(response.body as Buffer)).pages[0].replace(/\s+/g, ' ');
      expect(first).toContain('Responsable du traitement : Mairie de Gentilly');
      expect(first).toContain('Adresse : 95 rue Charles-Frérot, 94250 Gentilly');
      expect(first).toContain('Contact : contact@gentilly.example.fr — 01 99 00 47 00');
      expect(first).toContain('Représentant légal : Camille Martin, Maire');
      expect(first).toContain('Délégué à la protection des données : Aline Garnier');
      expect(first).toContain('Contact du DPO : dpo@gentilly.example.fr — 01 99 00 47 10');
      expect(first).toContain('Référence de désignation à la CNIL : DPO-94-000777');
      expect(first).not.toContain('DPO non désigné');
    });

    it('warns « DPO non désigné » in the register of a member whose DPO is not filled in', async () => {
      const response = await app.http
        .get(`${api}/organisations/${world.memberB.id}/register.pdf`)
        .set(as(world.dpoB))
        .buffer(true)
        .parse(binary);
      expect(response.status).toBe(200);
      const { pages, flat } = await pdfText(response.body as Buffer);
      const first = pages[0].replace(/\s+/g, ' ');
      expect(first).toContain('Délégué à la protection des données : DPO non désigné');
      expect(first).toContain('Avertissement : DPO non désigné');
      expect(first).toContain('art. 37.1.a du RGPD');
      expect(first).toContain('Adresse : —');
      expect(flat).not.toContain('Registre de B');
    });

    it('holds the validated entries only in the official register; the working copy adds the drafts marked « Brouillon »', async () => {
      const download = (query: string) =>
        app.http
          .get(`${api}/organisations/${world.memberA.id}/register.pdf${query}`)
          .set(as(world.dpoA))
          .buffer(true)
          .parse(binary);
      const official = await pdfText((await download('')).body as Buffer);
      expect(official.flat).toContain('Registre des activités de traitement');
      expect(official.flat).not.toContain('copie de travail');
      expect(official.flat).toContain('Prêts de la médiathèque');
      expect(official.flat).toContain('Élections professionnelles');
      expect(official.flat).not.toContain('Dossier patient des centres municipaux de santé');
      expect(official.flat).not.toContain('Brouillon');
      expect(official.flat).toContain('Nombre de traitements : 2');
      const working = await pdfText((await download('?drafts=include')).body as Buffer);
      expect(working.pages[0]).toContain('Registre — copie de travail');
      const pages = working.pages.map((page) => page.replace(/\s+/g, ' '));
      const draftSheet = pages.find((page) =>
        page.includes('Dossier patient des centres municipaux de santé Fiche de traitement'),
      );
      expect(draftSheet).toBeDefined();
      expect(draftSheet).toContain('Fiche de traitement en brouillon');
      expect(draftSheet).toContain(
        'Brouillon : fiche non validée par le délégué à la protection des données',
      );
      const validatedSheet = pages.find((page) => page.includes('Prêts de la médiathèque Fiche'));
      expect(validatedSheet).toBeDefined();
      expect(validatedSheet).not.toContain('Brouillon');
      expectProblem(
        await app.http
          .get(`${api}/organisations/${world.memberA.id}/register.pdf?drafts=all`)
          .set(as(world.dpoA)),
        400,
      );
    });

    it('answers the stored record again for an unchanged document, and stores a new one once the content changed', async () => {
      const download = () =>
        app.http
          .get(`${api}/organisations/${world.memberA.id}/register.pdf`)
          .set(as(world.readerA))
          .buffer(true)
          .parse(binary);
      const first = await download();
      const before = await countRows(app, 'generated_document');
      const second = await download();
      expect(second.status).toBe(200);
      expect(second.headers['x-document-id']).toBe(first.headers['x-document-id']);
      expect(Buffer.compare(second.body as Buffer, first.body as Buffer)).toBe(0);
      expect(await countRows(app, 'generated_document')).toBe(before);
      const stored = await app.http
        .get(`${api}/documents/${first.headers['x-document-id']}/content`)
        .set(as(world.readerA))
        .buffer(true)
        .parse(binary);
      expect(Buffer.compare(stored.body as Buffer, first.body as Buffer)).toBe(0);
      // The working copy is another document, and so is the register once an entry changed.
      const working = await app.http
        .get(`${api}/organisations/${world.memberA.id}/register.pdf?drafts=include`)
        .set(as(world.readerA));
      expect(working.headers['x-document-id']).not.toBe(first.headers['x-document-id']);
      const entries = await app.http
        .get(`${api}/organisations/${world.memberA.id}/processing-activities`)
        .set(as(world.dpoA));
      const library = entries.body.items.find((e: { name: string }) => e.name === 'Prêts de la médiathèque');
      const changed = await app.http
        .patch(`${api}/processing-activities/${library.id}`)
        .set(as(world.dpoA))
        .send({ description: 'Prêts, réservations et retours de documents', version: library.version });
      expect(changed.status).toBe(200);
      await app.http
        .post(`${api}/processing-activities/${library.id}/validate`)
        .set(as(world.dpoA))
        .send({ version: await entryVersion(app, library.id) });
      const counted = await countRows(app, 'generated_document');
      const third = await download();
      expect(third.status).toBe(200);
      expect(third.headers['x-document-id']).not.toBe(first.headers['x-document-id']);
      expect(await countRows(app, 'generated_document')).toBe(counted + 1);
      expect((await pdfText(third.body as Buffer)).flat).toContain('Prêts, réservations et retours');
      const fourth = await download();
      expect(fourth.headers['x-document-id']).toBe(third.headers['x-document-id']);
      expect(await countRows(app, 'generated_document')).toBe(counted + 1);
    });

    it("refuses another member's DPO, the operator and vendors the register and its sheets (404), writing no record", async () => {
      const before = await countRows(app, 'generated_document');
      for (const actor of [world.dpoB, world.admin, world.securityOfficer, world.vendorContact]) {
        expectProblem(
          await app.http.get(`${api}/organisations/${world.memberA.id}/register.pdf`).set(as(actor)),
          404,
        );
        expectProblem(
          await app.http.get(`${api}/processing-activities/${sheetEntry.id}/sheet.pdf`).set(as(actor)),
          404,
        );
        expectProblem(
          await app.http.get(`${api}/organisations/${world.memberA.id}/register.xlsx`).set(as(actor)),
          404,
        );
        expectProblem(
          await app.http.get(`${api}/organisations/${world.memberA.id}/register.csv`).set(as(actor)),
          404,
        );
      }
      expect(await countRows(app, 'generated_document')).toBe(before);
    });

    it('renders one activity sheet for a reader of the member', async () => {
      const response = await app.http
        .get(`${api}/processing-activities/${sheetEntry.id}/sheet.pdf`)
        .set(as(world.readerA))
        .buffer(true)
        .parse(binary);
      expect(response.status).toBe(200);
      const text = (await pdfText(response.body as Buffer)).text.replace(/[ \n]+/g, ' ');
      for (const section of SHEET_SECTIONS) expect(text).toContain(section);
      expect(text).toContain('NIR (numéro de sécurité sociale) : Utilisé');
      expect(text).toContain(
        '9.2.h — Médecine préventive, diagnostics, prise en charge sanitaire ou sociale',
      );
      expect(text).not.toContain('Prêts de la médiathèque');
    });

    it('renders the processor register for operator roles only', async () => {
      const response = await app.http
        .get(`${api}/processor-register.pdf`)
        .set(as(world.admin))
        .buffer(true)
        .parse(binary);
      expect(response.status).toBe(200);
      const { text } = await pdfText(response.body as Buffer);
      expect(text).toContain("Registre des catégories d'activités de traitement");
      expect(text).toContain('Mairie de Gentilly');
      expect(text).toContain('Crossway');
      expect(text).toContain('Sous-traitants ultérieurs');
      expect(text).toContain('Hébergement certifié HDS');
      const flat = text.replace(/\s+/g, ' ');
      expect(flat).toContain('Sous-traitant : Syndicat Intercommunal');
      expect(flat).toContain('Adresse : 2 rue Robert-Witchitz, 94200 Ivry-sur-Seine');
      expect(flat).toContain('Contact : contact@siim94.example.fr — 01 99 00 94 00');
      expect(flat).toContain('Délégué à la protection des données : Marc Duval');
      expect(flat).toContain('Contact du DPO : dpo@siim94.example.fr — 01 99 00 94 10');
      expect(flat).toContain('Adresse : 95 rue Charles-Frérot, 94250 Gentilly');
      expect(flat).toContain('Contact : contact@gentilly.example.fr — 01 99 00 47 00');
      expect(flat).toContain(
        'Délégué à la protection des données : Aline Garnier (dpo@gentilly.example.fr — 01 99 00 47 10)',
      );
      const records = await app.http
        .get(`${api}/documents?organisationId=${world.operatorId}`)
        .set(as(world.admin));
      expect(records.body.items[0]).toMatchObject({ kind: 'processor-register' });
      expectProblem(await app.http.get(`${api}/processor-register.pdf`).set(as(world.dpoA)), 403);
    });
  });

  describe('spreadsheets', () => {
    it('exports the register as XLSX: validated entries, with the drafts on ?drafts=include, French headers', async () => {
      const official = await app.http
        .get(`${api}/organisations/${world.memberA.id}/register.xlsx`)
        .set(as(world.readerA))
        .buffer(true)
        .parse(binary);
      expect(official.status).toBe(200);
      const officialBook = new ExcelJS.Workbook();
      await officialBook.xlsx.load(official.body as never);
      const officialNames = [2, 3].map((r) => officialBook.worksheets[0].getRow(r).getCell(2).text);
      expect(officialBook.worksheets[0].rowCount).toBe(3);
      expect(officialNames).not.toContain('Dossier patient des centres municipaux de santé');
      const response = await app.http
        .get(`${api}/organisations/${world.memberA.id}/register.xlsx?drafts=include`)
        .set(as(world.readerA))
        .buffer(true)
        .parse(binary);
      expect(response.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.body as never);
      const sheet = workbook.worksheets[0];
      expect((sheet.getRow(1).values as string[]).slice(1, 4)).toEqual([
        'Identifiant',
        'Nom du traitement',
        'Description',
      ]);
      expect(sheet.rowCount).toBe(4);
      const names = [2, 3, 4]
        .map((r) => sheet.getRow(r).getCell(2).text)
        .sort((a, b) => a.localeCompare(b, 'fr'));
      expect(names).toEqual([
        'Dossier patient des centres municipaux de santé',
        'Élections professionnelles',
        'Prêts de la médiathèque',
      ]);
    });

    it('exports the register as a semicolon CSV with a BOM for French Excel', async () => {
      const response = await app.http
        .get(`${api}/organisations/${world.memberA.id}/register.csv`)
        .set(as(world.dpoA))
        .buffer(true)
        .parse(binary);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      const text = (response.body as Buffer).toString('utf8');
      expect(text.charCodeAt(0)).toBe(0xfeff);
      expect(text.slice(1).split('\r\n')[0]).toMatch(
        /^Identifiant;Nom du traitement;Description;Statut;Applications;Finalités et bases légales;/,
      );
      expect(text).toContain(
        "Instruire les demandes | Mission d'intérêt public | Code de l'action sociale et des familles",
      );
    });

    const header =
      "Nom du traitement;Description;Applications;Finalités et bases légales;Personnes concernées;Catégories de données;Données sensibles;Destinataires;Transferts hors de l'UE;Mesures de sécurité;Critères AIPD (WP248);Liste CNIL des traitements soumis à AIPD;Cas de l’article 35.3;Date de révision";

    it('imports a valid CSV file: every line becomes a draft entry', async () => {
      const csv = [
        header,
        `Restauration scolaire;Inscriptions et facturation;Crossway;"Facturer les repas | Mission d'intérêt public | Code de l'éducation, art. L. 131-13\nInscrire les enfants | public-task | Délibération du conseil";"Enfants\nParents";"État civil, identité, données d'identification, images | | 3 ans | Destruction";;Agents | Service interne;;Accès nominatif;;;;31/12/2027`,
        `Annuaire des agents;;;Gérer l'annuaire | Exécution d'un contrat;staff;identity | | durée de l'emploi | destruction;Santé publique?;;;;;;;`.replace(
          ';Santé publique?;',
          ';;',
        ),
      ].join('\r\n');
      const before = await countRows(app, 'processing_activity');
      const response = await app.http
        .post(`${api}/organisations/${world.memberA.id}/register/import`)
        .set(as(world.editorA))
        .attach('file', Buffer.from(`\uFEFF${csv}`, 'utf8'), 'registre.csv');
      expect(response.status).toBe(201);
      expect(response.body.imported).toBe(2);
      expect(await countRows(app, 'processing_activity')).toBe(before + 2);
      const created = await app.http
        .get(`${api}/processing-activities/${response.body.items[0].id}`)
        .set(as(world.readerA));
      expect(created.body).toMatchObject({
        status: 'draft',
        name: 'Restauration scolaire',
        applicationIds: [application.id],
        purposes: [
          {
            description: 'Facturer les repas',
            legalBasis: 'public-task',
            legalBasisDetail: "Code de l'éducation, art. L. 131-13",
          },
          {
            description: 'Inscrire les enfants',
            legalBasis: 'public-task',
            legalBasisDetail: 'Délibération du conseil',
          },
        ],
        dataSubjects: ['children', 'parents'],
        dataCategories: [{ category: 'identity', retention: '3 ans', finalFate: 'destruction' }],
        reviewDate: '2027-12-31',
      });
      const history = await app.http
        .get(`${api}/processing-activities/${response.body.items[0].id}/history`)
        .set(as(world.readerA));
      expect(history.body.items[0]).toMatchObject({
        action: 'import',
        note: expect.stringContaining('registre.csv'),
      });
    });

    it('imports nothing when one line is wrong, and says where (line, column)', async () => {
      const csv = [
        header,
        `Bonne ligne;;;Finalité | public-task | CGCT;residents;identity | | 1 an | destruction;;;;;;;;`,
        `Mauvaise ligne;;Logiciel inconnu;Finalité | Bon plaisir;residents;identity | | 1 an | brûler;health | 9.9;;Éditeur | ZZ;;;;;`,
        `Vidéoprotection;;;Protéger le parking | Intérêt légitime;;;;;;;;;;`,
      ].join('\n');
      const before = await countRows(app, 'processing_activity');
      const response = await app.http
        .post(`${api}/organisations/${world.memberA.id}/register/import`)
        .set(as(world.dpoA))
        .attach('file', Buffer.from(csv, 'utf8'), 'registre.csv');
      expectProblem(response, 400);
      const errors = response.body.errors as { line: number; column: string; message: string }[];
      const at = (line: number, column: string) =>
        errors.filter((e) => e.line === line && e.column === column);
      expect(errors.filter((e) => e.line === 2)).toEqual([]);
      expect(at(3, 'Applications')[0].message).toContain('Logiciel inconnu');
      expect(at(3, 'Finalités et bases légales')[0].message).toContain('Bon plaisir');
      expect(at(3, 'Catégories de données')[0].message).toContain('sort final');
      expect(at(3, 'Données sensibles')).toHaveLength(1);
      expect(at(3, "Transferts hors de l'Espace économique européen")[0].message).toContain('ZZ');
      // A partial draft is accepted (no data subject, no category), not legitimate interests of a town.
      expect(at(4, 'Finalités et bases légales')[0].message).toContain('Art. 6.1, dernier alinéa');
      expect(errors.filter((e) => e.line === 4)).toHaveLength(1);
      expect(await countRows(app, 'processing_activity')).toBe(before);
    });

    it('imports back an exported XLSX file: lines with their Identifiant update their entry, labels read back as keys', async () => {
      const exported = await app.http
        .get(`${api}/organisations/${world.memberA.id}/register.xlsx?drafts=include`)
        .set(as(world.dpoA))
        .buffer(true)
        .parse(binary);
      const original = await app.http
        .get(`${api}/processing-activities/${sheetEntry.id}`)
        .set(as(world.dpoA));
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(exported.body as never);
      const sheet = workbook.worksheets[0];
      let line = 0;
      sheet.eachRow((row, number) => {
        if (row.getCell(1).text === sheetEntry.id) {
          row.getCell(3).value = 'Dossier patient informatisé des CMS';
          line = number;
        }
      });
      expect(line).toBeGreaterThan(1);
      const edited = Buffer.from(await workbook.xlsx.writeBuffer());
      const before = await countRows(app, 'processing_activity');
      const total = sheet.rowCount - 1;

      const response = await app.http
        .post(`${api}/organisations/${world.memberA.id}/register/import`)
        .set(as(world.dpoA))
        .attach('file', edited, 'registre.xlsx');
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ imported: total, created: 0, updated: 1, unchanged: total - 1 });
      expect(await countRows(app, 'processing_activity')).toBe(before);
      const updated = await app.http.get(`${api}/processing-activities/${sheetEntry.id}`).set(as(world.dpoA));
      expect(updated.body).toMatchObject({
        description: 'Dossier patient informatisé des CMS',
        version: original.body.version + 1,
      });
      for (const field of [
        'name',
        'purposes',
        'dataSubjects',
        'dataCategories',
        'specialCategories',
        'recipients',
        'transfers',
        'securityMeasures',
        'dpiaCriteria',
        'cnilListItems',
        'applicationIds',
        'reviewDate',
      ]) {
        expect([field, updated.body[field]]).toEqual([field, original.body[field]]);
      }

      // The same file again: that entry changed since the export, so nothing is written.
      const stale = await app.http
        .post(`${api}/organisations/${world.memberA.id}/register/import`)
        .set(as(world.dpoA))
        .attach('file', edited, 'registre.xlsx');
      expectProblem(stale, 400);
      expect(stale.body.errors).toEqual([
        expect.objectContaining({
          line,
          column: 'Version',
          message: expect.stringContaining("modifiée depuis l'export"),
        }),
      ]);
      const after = await app.http.get(`${api}/processing-activities/${sheetEntry.id}`).set(as(world.dpoA));
      expect(after.body.version).toBe(updated.body.version);
    });

    it('refuses an Identifiant that is not an entry of this register', async () => {
      const csv = [
        `Identifiant;Version;${header}`,
        `${randomUUID()};1;X;;;F | public-task | CGCT;residents;identity | | 1 an | destruction;;;;;;;;`,
      ].join('\n');
      const before = await countRows(app, 'processing_activity');
      const response = await app.http
        .post(`${api}/organisations/${world.memberA.id}/register/import`)
        .set(as(world.dpoA))
        .attach('file', Buffer.from(csv), 'r.csv');
      expectProblem(response, 400);
      expect(response.body.errors).toEqual([expect.objectContaining({ line: 2, column: 'Identifiant' })]);
      expect(await countRows(app, 'processing_activity')).toBe(before);
    });

    it('refuses readers, other members and files that are not spreadsheets', async () => {
      const csv = Buffer.from(
        `${header}\nX;;;F | public-task | CGCT;residents;identity | | 1 an | destruction;;;;;;;;`,
      );
      expectProblem(
        await app.http
          .post(`${api}/organisations/${world.memberA.id}/register/import`)
          .set(as(world.readerA))
          .attach('file', csv, 'r.csv'),
        403,
      );
      expectProblem(
        await app.http
          .post(`${api}/organisations/${world.memberA.id}/register/import`)
          .set(as(world.dpoB))
          .attach('file', csv, 'r.csv'),
        404,
      );
      expectProblem(
        await app.http
          .post(`${api}/organisations/${world.memberA.id}/register/import`)
          .set(as(world.dpoA))
          .attach('file', Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n'), 'r.pdf'),
        415,
      );
      expectProblem(
        await app.http.post(`${api}/organisations/${world.memberA.id}/register/import`).set(as(world.dpoA)),
        400,
      );
    });
  });
});
