/**
 * Runs the TypeScript sources directly (no build): `node -r ./scripts/ts-register.js apps/api/src/main.ts`.
 * Used by the benchmarks and by the tests that start the service as a separate process. Transpiles with SWC
 * (same settings as Jest) and resolves the @vigie/* path aliases of tsconfig.json.
 */
const { resolve } = require('node:path');
const { addHook } = require('pirates');
const { transformSync } = require('@swc/core');
const { register } = require('tsconfig-paths');
const { compilerOptions } = require('../tsconfig.json');

register({ baseUrl: resolve(__dirname, '..'), paths: compilerOptions.paths });

addHook(
  (code, filename) =>
    transformSync(code, {
      filename,
      sourceMaps: 'inline',
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
        keepClassNames: true,
      },
      module: { type: 'commonjs', ignoreDynamic: true },
    }).code,
  { exts: ['.ts'], ignoreNodeModules: true },
);
