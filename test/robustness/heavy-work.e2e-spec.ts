import { join } from 'node:path';
import { WorkerPool } from '@vigie/core';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { REGISTER_COLUMNS } from '../../libs/register/src/spreadsheets/register-columns';
import { holdFlag } from '../support/hold-worker';
import { createApplication, entryPayload } from '../support/register-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { as, createWorld, World } from '../support/world';

const api = '/api/v1';
const HOLD_WORKER = join(__dirname, '../support/hold-worker');
const header = REGISTER_COLUMNS.filter((c) => !c.exportOnly)
  .map((c) => c.header)
  .join(';');

/** The finding's file: a header, then `x;y\r\n` a million times (5 MB). */
function hostileCsv(): Buffer {
  return Buffer.concat([Buffer.from(`${header}\r\n`), Buffer.from('x;y\r\n'.repeat(1_000_000))]);
}

/** A valid workbook (the register's header) plus one entry of 20 MB of spaces: about 80 KB on the wire. */
async function inflatingXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Registre').addRow(REGISTER_COLUMNS.map((c) => c.header));
  const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
  zip.file('xl/media/padding.bin', Buffer.alloc(20 * 1024 * 1024, 0x20));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/**
 * Issue 14, item 1: imports and PDF renders run in a bounded pool of worker threads. A hostile CSV stops at the
 * row limit, an inflating XLSX is refused before it is inflated, a full queue answers 429 with Retry-After, and
 * the expensive routes are limited per user.
 */
describe('Heavy work off the event loop (e2e)', () => {
  let app: TestApp;
  let world: World;

  beforeAll(async () => {
    app = await createTestApp({
      VIGIE_WORKER_THREADS: '1',
      VIGIE_WORKER_QUEUE: '0',
      VIGIE_EXPENSIVE_PER_MINUTE: '40',
    });
    world = await createWorld(app);
    await createApplication(app, world.admin, 'Crossway', [world.memberA.id]);
  });
  afterAll(() => app?.close());

  const importFile = (bytes: Buffer, name: string) =>
    app.http
      .post(`${api}/organisations/${world.memberA.id}/register/import`)
      .set(as(world.editorA))
      .attach('file', bytes, name);

  it('answers the hostile CSV with a French 400 at the row limit', async () => {
    const file = hostileCsv();
    expect(file.length).toBeGreaterThan(5_000_000);
    const response = await importFile(file, 'registre.csv');
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.errors).toEqual([{ field: 'file', message: 'au plus 2000 lignes par import' }]);
  });

  it('refuses an XLSX that inflates past the limit before inflating it', async () => {
    const file = await inflatingXlsx();
    expect(file.length).toBeLessThan(100 * 1024);
    const response = await importFile(file, 'registre.xlsx');
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('file');
    expect(response.body.errors[0].message).toMatch(/^le fichier XLSX décompressé occuperait 20 Mio/);
  });

  it('still imports a valid file through the worker', async () => {
    const csv = `\uFEFF${header}\r\nAnnuaire des agents;;;Gérer l'annuaire | Exécution d'un contrat;staff;identity | | durée de l'emploi | destruction;;;;;;;;`;
    const response = await importFile(Buffer.from(csv), 'registre.csv');
    expect(response.status).toBe(201);
    expect(response.body.created).toBe(1);
  });

  it('answers 429 with Retry-After and a French problem when every worker is busy and the queue is full', async () => {
    const pool = app.app.get(WorkerPool);
    const hold = holdFlag();
    const held = pool.run(HOLD_WORKER, 'holdUntilReleased', { flag: hold.flag });
    try {
      while (!hold.started()) await new Promise((resolve) => setTimeout(resolve, 20));
      const refused = [
        await importFile(Buffer.from(`${header}\r\n`), 'registre.csv'),
        await app.http
          .get(`${api}/organisations/${world.memberA.id}/register.pdf?drafts=include`)
          .set(as(world.dpoA)),
      ];
      for (const response of refused) {
        expect(response.status).toBe(429);
        expect(response.headers['retry-after']).toBe('5');
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(response.body.detail).toBe(
          'Le serveur traite déjà le maximum de fichiers volumineux ; réessayez dans quelques secondes',
        );
      }
    } finally {
      hold.release();
    }
    expect(await held).toBe('released');
    const pdf = await app.http
      .get(`${api}/organisations/${world.memberA.id}/register.pdf?drafts=include`)
      .set(as(world.dpoA));
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
  });

  it('renders the register PDF in a worker with the same content key as in the main thread', async () => {
    const created = await app.http
      .post(`${api}/organisations/${world.memberA.id}/processing-activities`)
      .set(as(world.editorA))
      .send(entryPayload('Gestion des crèches'));
    expect(created.status).toBe(201);
    const first = await app.http
      .get(`${api}/organisations/${world.memberA.id}/register.pdf?drafts=include`)
      .set(as(world.dpoA));
    const second = await app.http
      .get(`${api}/organisations/${world.memberA.id}/register.pdf?drafts=include`)
      .set(as(world.dpoA));
    expect(first.status).toBe(200);
    // Same content, same stored document: the key computed in the worker came back with the bytes.
    expect(second.headers['x-document-id']).toBe(first.headers['x-document-id']);
  });

  it('limits the expensive routes per user with a French 429 and Retry-After', async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 41; i += 1) {
      last = await app.http
        .get(`${api}/organisations/${world.memberA.id}/register.csv`)
        .set(as(world.readerA));
      statuses.push(last.status);
    }
    // The others' requests counted before in this file are not the reader's: 40 pass, the 41st is refused.
    expect(statuses.filter((s) => s === 200)).toHaveLength(40);
    expect(last!.status).toBe(429);
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    expect(last!.body.detail).toMatch(/^Trop d’imports ou d’exports demandés \(au plus 40 par minute\)/);
    // Another user is not affected.
    const other = await app.http
      .get(`${api}/organisations/${world.memberA.id}/register.csv`)
      .set(as(world.dpoA));
    expect(other.status).toBe(200);
  });
});
