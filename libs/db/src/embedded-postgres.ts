import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** Where an embedded database comes from: a folder kept on disk, or memory (empty, or a copy of a snapshot). */
export type EmbeddedSource = { dataDir: string } | { snapshot?: Blob };

/**
 * An embedded PostgreSQL (PGlite) served in-process on a loopback socket, so that TypeORM and `pg` reach it
 * exactly as they reach a server. PGlite runs one query at a time: connect with a pool of one.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    private readonly lockFile?: string,
  ) {}

  /** Opens (or creates) the database and starts its socket server on a free loopback port. */
  static async open(source: EmbeddedSource): Promise<EmbeddedPostgres> {
    let db: PGlite;
    let lockFile: string | undefined;
    if ('dataDir' in source) {
      mkdirSync(source.dataDir, { recursive: true });
      lockFile = takeLock(source.dataDir);
      try {
        db = await PGlite.create({ dataDir: source.dataDir });
      } catch (error) {
        rmSync(lockFile, { force: true });
        throw error;
      }
    } else {
      db = await PGlite.create({ loadDataDir: source.snapshot });
    }
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
    await server.start();
    return new EmbeddedPostgres(db, server, lockFile);
  }

  /** Connection URL for `pg`/TypeORM. */
  get url(): string {
    return `postgres://postgres@${this.server.getServerConn()}/postgres`;
  }

  /** The whole cluster as a gzipped tarball, to open copies with `{ snapshot }`. */
  async snapshot(): Promise<Blob> {
    return this.db.dumpDataDir('gzip');
  }

  /** Stops accepting connections, then closes PGlite so that everything committed is on disk. */
  async close(): Promise<void> {
    await this.server.stop();
    if (!this.db.closed) await this.db.close();
    if (this.lockFile) rmSync(this.lockFile, { force: true });
  }
}

/** Raised when another live process has the embedded database open. */
export class EmbeddedDatabaseBusyError extends Error {}

/**
 * PGlite must be opened by one process at a time: a second one would corrupt it. The lock file holds the
 * owner's pid; a lock left by a process that no longer runs is taken over.
 */
function takeLock(dataDir: string): string {
  const file = join(dataDir, 'vigie.lock');
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' });
    return file;
  } catch {
    const owner = Number(readFileSync(file, 'utf8'));
    if (owner && owner !== process.pid && isAlive(owner)) {
      throw new EmbeddedDatabaseBusyError(
        `The embedded database in ${dataDir} is open in process ${owner}; stop that process first`,
      );
    }
    writeFileSync(file, String(process.pid));
    return file;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
