import type * as Oidc from 'openid-client' with { 'resolution-mode': 'import' };

export type OpenidClient = typeof Oidc;
export type OidcConfiguration = Oidc.Configuration;

let loaded: Promise<OpenidClient> | undefined;

/**
 * `openid-client` 6 is an ES module and Vigie is CommonJS: it is loaded on first use with a native dynamic
 * `import()` (which tsc keeps as is under `module: node16`, and SWC with `ignoreDynamic`).
 */
export function openidClient(): Promise<OpenidClient> {
  loaded ??= import('openid-client');
  return loaded;
}
