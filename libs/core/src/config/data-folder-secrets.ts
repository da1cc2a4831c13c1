import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig, generateSecret } from './app-config';

/** A secret kept in the data folder: read, or generated once (the embedded database's JWT and audit keys). */
function dataFolderSecret(config: AppConfig, name: string): string {
  const file = join(config.dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  const secret = generateSecret();
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** The JWT secret: configured, or for the embedded database generated once and kept in the data folder. */
export function resolveJwtSecret(config: AppConfig): string {
  return config.jwtSecret ?? dataFolderSecret(config, 'jwt-secret');
}

/** The audit chain's key: configured, or for the embedded database generated once into the data folder. */
export function resolveAuditKey(config: AppConfig): string {
  return config.auditKey ?? dataFolderSecret(config, 'audit-key');
}
