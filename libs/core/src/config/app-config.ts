import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { isAbsolute, resolve } from 'node:path';

/** Validated configuration of a Vigie process, read once from the environment at boot. */
export interface AppConfig {
  port: number;
  /** PostgreSQL server URL; when absent, an embedded PGlite stored under `dataDir` is used. */
  databaseUrl?: string;
  dataDir: string;
  /** Pool size towards the PostgreSQL server (always 1 on the embedded database). */
  databasePoolSize: number;
  /** JWT signing secret; when absent on the embedded database, one is generated once and kept in `dataDir`. */
  jwtSecret?: string;
  tokenTtlSeconds: number;
  adminEmail: string;
  adminPassword?: string;
  /** Load demo data on first creation of the database. */
  demo: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  loginAttemptLimit: number;
  loginWindowSeconds: number;
  corsOrigins: string[];
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  /** Express `trust proxy`: which proxies' X-Forwarded-For to believe for the client address. */
  trustProxy: string;
  /** How long a signed-in user's account and roles are kept in memory between requests (0: never). */
  actorCacheMs: number;
  /**
   * Run the PostgreSQL-backed job queue (pg-boss) in this process: scheduled work such as recurring access
   * reviews. `VIGIE_JOBS=0` turns the worker off (an instance that only serves HTTP, or tests).
   */
  jobs: boolean;
  /** Days after an access review's due date by which its remediation tasks are due. */
  remediationDelayDays: number;
  /**
   * Key of the audit chain's HMACs (`VIGIE_AUDIT_KEY`); when absent on the embedded database, one is generated
   * once and kept in `dataDir`. Kept outside the database so that rewriting `audit_event` cannot go unseen.
   */
  auditKey?: string;
  /** File the signed audit checkpoints are appended to (outside the database). */
  auditCheckpointFile: string;
  /** Minutes between two automatic audit checkpoints (0: only on demand). */
  auditCheckpointMinutes: number;
  /** The address users reach (`VIGIE_PUBLIC_URL`, no trailing slash): links in e-mails are built on it. */
  publicUrl: string;
  /** SMTP server (`VIGIE_SMTP_URL`, `smtp://user:pass@host:port` or `smtps://…`); unset: in-app notices only. */
  smtpUrl?: string;
  /** Sender of the e-mails (`VIGIE_MAIL_FROM`). */
  mailFrom: string;
  /** Folder of the built web application (`VIGIE_WEB_DIR`); unset: `dist/web` of the installation. */
  webDir?: string;
  /** A web session ends after this many seconds without a request (`VIGIE_SESSION_IDLE_MINUTES`, 30). */
  sessionIdleSeconds: number;
  /** A web session ends this many seconds after sign-in whatever happens (`VIGIE_SESSION_MAX_HOURS`, 12). */
  sessionAbsoluteSeconds: number;
  /** Worker threads for heavy work: imports, PDF renders (`VIGIE_WORKER_THREADS`, cores − 1, at least 1). */
  workerThreads: number;
  /** Heavy tasks waiting for a thread at most; one more answers 429 (`VIGIE_WORKER_QUEUE`, 4 per thread). */
  workerQueue: number;
  /** Most bytes an imported XLSX may inflate to (`VIGIE_XLSX_INFLATED_LIMIT_BYTES`, 16 MiB). */
  xlsxInflatedLimitBytes: number;
  /** Expensive requests (imports, PDF/XLSX exports) per user per minute (`VIGIE_EXPENSIVE_PER_MINUTE`, 20). */
  expensivePerMinute: number;
  /**
   * Single sign-on (OpenID Connect, e.g. ProConnect): set when `VIGIE_OIDC_ISSUER` is; its redirect URI is
   * `publicUrl + /api/v1/auth/oidc/callback`.
   */
  oidc?: OidcConfig;
}

/** The OpenID Provider Vigie signs people in with. */
export interface OidcConfig {
  /** `VIGIE_OIDC_ISSUER`: discovery is read from `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** `VIGIE_OIDC_LABEL`: the button reads « Se connecter avec <label> » (default « ProConnect »). */
  label: string;
}

/** Raised when the environment holds a value that cannot be used; the process refuses to start. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n- ${problems.join('\n- ')}`);
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Parses and validates the environment once. Every problem is collected so that an operator sees them all at
 * once rather than one per restart.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const flag = (name: string): boolean | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
    problems.push(`${name} must be 0 or 1 (got "${raw}")`);
    return undefined;
  };

  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  const rawDataDir = env.VIGIE_DATA_DIR || './data';
  const dataDir = isAbsolute(rawDataDir) ? rawDataDir : resolve(cwd, rawDataDir);

  const jwtSecret = env.VIGIE_JWT_SECRET || undefined;
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    problems.push('VIGIE_JWT_SECRET must be at least 32 characters long');
  }
  if (jwtSecret === undefined && databaseUrl) {
    problems.push('VIGIE_JWT_SECRET is required with DATABASE_URL (several instances must share it)');
  }

  const auditKey = env.VIGIE_AUDIT_KEY || undefined;
  if (auditKey !== undefined && auditKey.length < 32) {
    problems.push('VIGIE_AUDIT_KEY must be at least 32 characters long');
  }
  if (auditKey === undefined && databaseUrl) {
    problems.push('VIGIE_AUDIT_KEY is required with DATABASE_URL (several instances must share it)');
  }
  const rawCheckpointFile = env.VIGIE_AUDIT_CHECKPOINT_FILE || resolve(dataDir, 'audit-checkpoints.jsonl');

  const adminEmail = (env.VIGIE_ADMIN_EMAIL || 'admin@vigie.local').trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+$/.test(adminEmail)) problems.push('VIGIE_ADMIN_EMAIL is not an email address');
  const adminPassword = env.VIGIE_ADMIN_PASSWORD || undefined;
  if (adminPassword !== undefined && adminPassword.length < 12) {
    problems.push('VIGIE_ADMIN_PASSWORD must be at least 12 characters long');
  }

  const logLevel = (env.LOG_LEVEL || 'info') as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const publicUrl = (env.VIGIE_PUBLIC_URL || `http://localhost:${env.PORT || 3000}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+(\/\S*)?$/.test(publicUrl)) {
    problems.push('VIGIE_PUBLIC_URL must be an http:// or https:// URL');
  }
  const smtpUrl = env.VIGIE_SMTP_URL || undefined;
  if (smtpUrl !== undefined && !/^smtps?:\/\/\S+$/.test(smtpUrl)) {
    problems.push('VIGIE_SMTP_URL must be an smtp:// or smtps:// URL');
  }
  const mailFrom = (env.VIGIE_MAIL_FROM || 'Vigie <no-reply@vigie.local>').trim();
  if (!/^[^@\s<>]+@[^@\s<>]+$|^[^<>@]*<[^@\s<>]+@[^@\s<>]+>$/.test(mailFrom)) {
    problems.push('VIGIE_MAIL_FROM must be an address, e.g. "Vigie <vigie@siim94.fr>"');
  }
  const rawWebDir = env.VIGIE_WEB_DIR || undefined;

  const oidc = oidcConfig(env, problems);

  const demoFlag = flag('VIGIE_DEMO');
  const defaultThreads = Math.max(1, availableParallelism() - 1);
  const config: AppConfig = {
    port: int('PORT', 3000, 0, 65535),
    databaseUrl,
    dataDir,
    databasePoolSize: int('VIGIE_DB_POOL_SIZE', 10, 1, 200),
    jwtSecret,
    tokenTtlSeconds: int('VIGIE_TOKEN_TTL_SECONDS', 900, 60, 86400),
    adminEmail,
    adminPassword,
    // Demo data comes with the embedded database unless refused; on a server only when asked for.
    demo: demoFlag ?? !databaseUrl,
    logLevel,
    loginAttemptLimit: int('VIGIE_LOGIN_ATTEMPTS', 10, 1, 10000),
    loginWindowSeconds: int('VIGIE_LOGIN_WINDOW_SECONDS', 60, 1, 86400),
    corsOrigins: (env.VIGIE_CORS_ORIGINS || '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    bodyLimitBytes: int('VIGIE_BODY_LIMIT_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024),
    uploadLimitBytes: int('VIGIE_UPLOAD_LIMIT_BYTES', 20 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    trustProxy: env.VIGIE_TRUST_PROXY || 'loopback',
    actorCacheMs: int('VIGIE_ACTOR_CACHE_MS', 1000, 0, 60_000),
    jobs: flag('VIGIE_JOBS') ?? true,
    remediationDelayDays: int('VIGIE_REMEDIATION_DELAY_DAYS', 30, 0, 365),
    auditKey,
    auditCheckpointFile: isAbsolute(rawCheckpointFile) ? rawCheckpointFile : resolve(cwd, rawCheckpointFile),
    auditCheckpointMinutes: int('VIGIE_AUDIT_CHECKPOINT_MINUTES', 60, 0, 7 * 24 * 60),
    publicUrl,
    smtpUrl,
    mailFrom,
    webDir: rawWebDir && (isAbsolute(rawWebDir) ? rawWebDir : resolve(cwd, rawWebDir)),
    sessionIdleSeconds: int('VIGIE_SESSION_IDLE_MINUTES', 30, 1, 24 * 60) * 60,
    sessionAbsoluteSeconds: int('VIGIE_SESSION_MAX_HOURS', 12, 1, 24 * 30) * 3600,
    oidc,
    workerThreads: int('VIGIE_WORKER_THREADS', defaultThreads, 1, 64),
    workerQueue: int('VIGIE_WORKER_QUEUE', defaultThreads * 4, 0, 10_000),
    xlsxInflatedLimitBytes: int(
      'VIGIE_XLSX_INFLATED_LIMIT_BYTES',
      16 * 1024 * 1024,
      1024,
      1024 * 1024 * 1024,
    ),
    expensivePerMinute: int('VIGIE_EXPENSIVE_PER_MINUTE', 20, 1, 100_000),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The single sign-on settings: all or nothing. The issuer is an https URL (plain http only on the loopback
 * address, for a provider run by tests or beside the server).
 */
function oidcConfig(env: NodeJS.ProcessEnv, problems: string[]): OidcConfig | undefined {
  const issuer = (env.VIGIE_OIDC_ISSUER || '').trim();
  const clientId = (env.VIGIE_OIDC_CLIENT_ID || '').trim();
  const clientSecret = env.VIGIE_OIDC_CLIENT_SECRET || '';
  const label = (env.VIGIE_OIDC_LABEL || '').trim() || 'ProConnect';
  if (!issuer) {
    if (clientId || clientSecret)
      problems.push('VIGIE_OIDC_CLIENT_ID and VIGIE_OIDC_CLIENT_SECRET need VIGIE_OIDC_ISSUER');
    return undefined;
  }
  let url: URL | undefined;
  try {
    url = new URL(issuer);
  } catch {
    url = undefined;
  }
  if (!url || !(url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname)))) {
    problems.push('VIGIE_OIDC_ISSUER must be an https:// URL (http:// only on 127.0.0.1 or localhost)');
  }
  if (!clientId) problems.push('VIGIE_OIDC_CLIENT_ID is required with VIGIE_OIDC_ISSUER');
  if (!clientSecret) problems.push('VIGIE_OIDC_CLIENT_SECRET is required with VIGIE_OIDC_ISSUER');
  if (label.length > 60) problems.push('VIGIE_OIDC_LABEL must be at most 60 characters long');
  return { issuer, clientId, clientSecret, label };
}

/** A random secret suitable for HS256 signing. */
export function generateSecret(): string {
  return randomBytes(48).toString('base64url');
}

/** Injection token of the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');
