import { Inject, Injectable } from '@nestjs/common';
import { scoped, scopedQuery } from '@vigie/authz';
import { DeploymentsService } from '@vigie/catalog';
import {
  APP_CONFIG,
  AppConfig,
  FieldError,
  RequestContext,
  runHeavy,
  ValidationException,
} from '@vigie/core';
import { Transactions } from '@vigie/db';
import { slug } from '@vigie/documents';
import { Organisation } from '@vigie/identity';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { loadApplications } from '../activities/activity-view';
import { contentWarnings } from '../activities/content-warnings';
import { ActivityChanges } from '../activities/activity-changes.service';
import { normaliseContent } from '../activities/activity-normalise';
import { ProcessingActivity } from '../activities/processing-activity.entity';
import { exportRow, neutraliseFormula, REGISTER_COLUMNS, restoreFormulaText } from './register-columns';
import { foldText } from '../data/label-keys';
import { checkRow } from './register-import';
import type { Table, TableInput } from './register-table.worker';

const TABLE_WORKER = join(__dirname, 'register-table.worker');

/** A spreadsheet ready to send. */
export interface SpreadsheetFile {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

export interface ImportOutcome {
  imported: number;
  created: number;
  updated: number;
  unchanged: number;
  items: {
    id: string;
    name: string;
    outcome: 'created' | 'updated' | 'unchanged';
    /** Free text that looks like an undeclared special category (as on the entry's answer). */
    warnings: FieldError[];
  }[];
}

const ID_HEADER = REGISTER_COLUMNS.find((column) => column.key === 'id')!.header;
const VERSION_HEADER = REGISTER_COLUMNS.find((column) => column.key === 'version')!.header;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Most rows one import may hold. */
export const IMPORT_MAX_ROWS = 2000;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const normalise = foldText;

/** A member's register as XLSX or CSV (one row per activity, columns after the CNIL model), and its import. */
@Injectable()
export class RegisterSpreadsheetsService {
  constructor(
    private readonly tx: Transactions,
    private readonly changes: ActivityChanges,
    private readonly deployments: DeploymentsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The register's rows: the validated entries only, or with the drafts (`drafts`), never the archived ones. */
  private async rows(ctx: RequestContext, organisationId: string, drafts: boolean) {
    this.changes.assertRegister(ctx, organisationId, 'read');
    const organisation = await scoped(this.tx.reader, ctx).visibleOrFail(
      'Organisation',
      Organisation,
      organisationId,
    );
    const activities = await scopedQuery(
      this.tx.reader,
      ctx,
      'read',
      'ProcessingActivity',
      ProcessingActivity,
      'p',
    )
      .andWhere('p.organisationId = :organisationId', { organisationId })
      .andWhere(drafts ? "p.status <> 'archived'" : "p.status = 'validated'")
      .orderBy('p.name', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .getMany();
    const applications = await loadApplications(
      this.tx.reader,
      activities.flatMap((a) => a.applicationIds),
    );
    const names = new Map([...applications].map(([id, application]) => [id, application.name]));
    return { organisation, rows: activities.map((activity) => exportRow(activity, names)) };
  }

  /** The official register (validated entries) as XLSX; with `drafts`, the working copy (drafts as well). */
  async exportXlsx(ctx: RequestContext, organisationId: string, drafts = false): Promise<SpreadsheetFile> {
    const { organisation, rows } = await this.rows(ctx, organisationId, drafts);
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Vigie';
    const sheet = workbook.addWorksheet('Registre', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = REGISTER_COLUMNS.map((column) => ({
      header: column.header,
      key: column.key,
      width: column.width,
    }));
    sheet.getRow(1).font = { bold: true };
    for (const row of rows) sheet.addRow(row).alignment = { wrapText: true, vertical: 'top' };
    return {
      fileName: `registre-${drafts ? 'copie-de-travail-' : ''}${slug(organisation.shortName)}.xlsx`,
      contentType: XLSX_TYPE,
      bytes: Buffer.from(await workbook.xlsx.writeBuffer()),
    };
  }

  /** Semicolon-separated, UTF-8 with a byte-order mark, CRLF: what French Excel opens as is. */
  async exportCsv(ctx: RequestContext, organisationId: string, drafts = false): Promise<SpreadsheetFile> {
    const { organisation, rows } = await this.rows(ctx, organisationId, drafts);
    const text = stringify(
      rows.map((row) => REGISTER_COLUMNS.map((column) => neutraliseFormula(row[column.key]))),
      {
        header: true,
        columns: REGISTER_COLUMNS.map((column) => column.header),
        delimiter: ';',
        record_delimiter: '\r\n',
        bom: true,
        quoted_match: /[\n;"]/,
      },
    );
    return {
      fileName: `registre-${drafts ? 'copie-de-travail-' : ''}${slug(organisation.shortName)}.csv`,
      contentType: 'text/csv; charset=utf-8',
      bytes: Buffer.from(text, 'utf8'),
    };
  }

  /**
   * Imports an XLSX or CSV file laid out like the export. A line without `Identifiant` creates a draft entry; a
   * line with the `Identifiant` and `Version` of an entry of this register updates that entry (a validated one
   * goes back to draft), provided it has not changed since the export. The other export-only columns are
   * ignored. Every line is checked; nothing is written unless the whole file is valid, and then everything is
   * written in one transaction.
   */
  async import(
    ctx: RequestContext,
    organisationId: string,
    file: { buffer: Buffer; originalname?: string } | undefined,
  ): Promise<ImportOutcome> {
    this.changes.assertRegister(ctx, organisationId, 'create');
    if (!file?.buffer?.length)
      throw ValidationException.field(
        'file',
        'un fichier CSV ou XLSX est attendu (champ multipart « file »)',
      );
    const table = await readTable(file.buffer, this.config.xlsxInflatedLimitBytes);
    const deployed = await this.deployments.deployedApplications(this.tx.reader, ctx, organisationId);
    const applicationIds = new Map(deployed.map((a) => [normalise(a.name), a.id]));
    const context = await this.changes.ruleContext(this.tx.reader, ctx, organisationId);

    const errors: FieldError[] = [];
    const headerIndex = new Map(table.header.map((header, index) => [normalise(header), index]));
    for (const column of REGISTER_COLUMNS) {
      for (const alias of column.aliases ?? []) {
        const at = headerIndex.get(normalise(alias));
        if (at !== undefined && !headerIndex.has(normalise(column.header)))
          headerIndex.set(normalise(column.header), at);
      }
    }
    const columns = REGISTER_COLUMNS.filter((column) => !column.exportOnly);
    for (const column of columns) {
      if (!column.optional && !headerIndex.has(normalise(column.header))) {
        errors.push({
          field: `ligne 1, ${column.header}`,
          line: 1,
          column: column.header,
          message: 'colonne absente',
        });
      }
    }
    if (errors.length) throw new ValidationException('Le fichier n’a pas les colonnes du registre', errors);
    if (table.rows.length === 0)
      throw ValidationException.field('file', 'le fichier ne contient aucune ligne à importer');
    if (table.rows.length > IMPORT_MAX_ROWS) {
      throw ValidationException.field('file', `au plus ${IMPORT_MAX_ROWS} lignes par import`);
    }
    const valid: {
      dto: NonNullable<ReturnType<typeof checkRow>['dto']>;
      target?: { id: string; version: number };
    }[] = [];
    const idIndex = headerIndex.get(normalise(ID_HEADER));
    const versionIndex = headerIndex.get(normalise(VERSION_HEADER));
    const targets = await this.existingEntries(
      ctx,
      organisationId,
      idIndex === undefined ? [] : table.rows.map((row) => (row[idIndex] ?? '').trim()),
    );
    const seen = new Set<string>();
    table.rows.forEach((values, index) => {
      const line = index + 2;
      const cells = Object.fromEntries(
        columns
          .filter((column) => headerIndex.has(normalise(column.header)))
          .map((column) => [column.key, values[headerIndex.get(normalise(column.header))!] ?? '']),
      );
      const checked = checkRow(line, cells, applicationIds, context);
      errors.push(...checked.errors);
      const id = idIndex === undefined ? '' : (values[idIndex] ?? '').trim();
      const at = (column: string, message: string) =>
        errors.push({ field: `ligne ${line}, ${column}`, line, column, message });
      let target: { id: string; version: number } | undefined;
      if (id) {
        const existing = targets.get(id);
        const sent = versionIndex === undefined ? NaN : Number((values[versionIndex] ?? '').trim() || NaN);
        if (!existing) at(ID_HEADER, `aucune fiche en cours de ce registre n'a l'identifiant « ${id} »`);
        else if (seen.has(id)) at(ID_HEADER, 'cette fiche figure déjà sur une ligne précédente');
        else if (!Number.isInteger(sent))
          at(VERSION_HEADER, 'la version exportée est requise pour mettre à jour une fiche');
        else if (sent !== existing.version) {
          at(
            VERSION_HEADER,
            `la fiche a été modifiée depuis l'export (version ${sent} dans le fichier, ${existing.version} enregistrée)`,
          );
        } else target = { id, version: sent };
        seen.add(id);
      }
      if (checked.dto && (!id || target)) valid.push({ dto: checked.dto, target });
    });
    if (errors.length > 0) {
      throw new ValidationException(
        `${errors.length} erreur(s) dans le fichier ; rien n’a été importé`,
        errors.slice(0, 500),
      );
    }
    const note = `Importée depuis le fichier ${file.originalname ?? ''}`.trim();
    return this.tx.run(async (manager) => {
      const items: ImportOutcome['items'] = [];
      for (const { dto, target } of valid) {
        if (!target) {
          const activity = await this.changes.insert(manager, ctx, organisationId, normaliseContent(dto), {
            action: 'import',
            note,
          });
          items.push({
            id: activity.id,
            name: activity.name,
            outcome: 'created',
            warnings: contentWarnings(activity),
          });
          continue;
        }
        const { activity, changed } = await this.changes.change(manager, ctx, {
          id: target.id,
          action: 'update',
          version: target.version,
          versionAction: 'import',
          apply: (row) => {
            const next = normaliseContent(dto);
            if (dto.cnilExemptionItem === undefined) next.cnilExemptionItem = row.cnilExemptionItem;
            return this.changes.newContent(manager, ctx, row, next, {
              note: `Mise à jour depuis le fichier ${file.originalname ?? ''}`.trim() + '.',
            });
          },
        });
        items.push({
          id: activity.id,
          name: activity.name,
          outcome: changed ? 'updated' : 'unchanged',
          warnings: contentWarnings(activity),
        });
      }
      const count = (outcome: string) => items.filter((item) => item.outcome === outcome).length;
      return {
        imported: items.length,
        created: count('created'),
        updated: count('updated'),
        unchanged: count('unchanged'),
        items,
      };
    });
  }

  /** The current entries of this register among `ids` (one query), with their versions. */
  private async existingEntries(
    ctx: RequestContext,
    organisationId: string,
    ids: string[],
  ): Promise<Map<string, { version: number }>> {
    const wanted = [...new Set(ids.filter((id) => UUID.test(id)))];
    if (wanted.length === 0) return new Map();
    const rows = await scopedQuery(
      this.tx.reader,
      ctx,
      'update',
      'ProcessingActivity',
      ProcessingActivity,
      'p',
    )
      .select(['p.id', 'p.version'])
      .andWhere('p.organisationId = :organisationId', { organisationId })
      .andWhere("p.status <> 'archived'")
      .andWhere('p.id IN (:...wanted)', { wanted })
      .getMany();
    return new Map(rows.map((row) => [row.id, { version: row.version }]));
  }
}

/**
 * The header and rows of the first sheet of an XLSX file, or of a CSV file (";" or "," separated), read in a
 * worker thread: reading stops past {@link IMPORT_MAX_ROWS} rows, and an XLSX that would inflate past
 * `maxInflatedBytes` is refused before it is inflated.
 */
async function readTable(
  buffer: Buffer,
  maxInflatedBytes: number,
): Promise<{ header: string[]; rows: string[][] }> {
  const table = await runHeavy<Table>(TABLE_WORKER, 'readRegisterTable', {
    bytes: buffer,
    maxRows: IMPORT_MAX_ROWS,
    maxInflatedBytes,
  } satisfies TableInput);
  const restore = (row: string[]) => row.map(restoreFormulaText);
  return { header: restore(table.header), rows: table.rows.map(restore) };
}
