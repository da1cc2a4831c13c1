import tseslint from 'typescript-eslint';

/**
 * Lib boundaries (ARCHITECTURE.md): a lib is reached only through its public face (`@vigie/<lib>`, its
 * src/index.ts), never through its files; feature libs depend downwards (core, db, authz, documents, catalog,
 * identity, notifications, jobs, reference-data), and sideways only through the documented links below.
 */
const FEATURE_LIBS = ['register', 'breaches', 'certification', 'vendors', 'access-reviews', 'publication'];
const DOCUMENTED_LINKS = {
  // Breaches and rights requests refer to the member's processing activities (ProcessingActivityLinks).
  breaches: ['register'],
  // Vendor assurance is shown on processing activities (ProcessingActivityLinks).
  vendors: ['register'],
  // The access-review certificate is attached as ISO evidence (CertificationEvidence).
  'access-reviews': ['certification'],
  // The annual report and the public register gather every capability's figures.
  publication: ['register', 'breaches', 'vendors', 'access-reviews'],
};
const INTERNALS = {
  group: ['@vigie/*/*', '../../libs/*', '../../../libs/*'],
  message: 'Import another lib through its public face (@vigie/<lib>), never its files.',
};
const SIDEWAYS_FILES = {
  regex: String.raw`^(\.\./)+(libs/)?(core|db|authz|documents|catalog|identity|notifications|jobs|reference-data|register|breaches|certification|vendors|access-reviews|publication)/src(/|$)`,
  message: 'Import another lib through its public face (@vigie/<lib>), never a relative path into its files.',
};
/** Entities another lib must not query: read them through the owning lib's exported service. */
const OWNED_ENTITIES = [
  {
    name: '@vigie/register',
    importNames: ['ProcessingActivity', 'ProcessingActivityVersion'],
    message: "Read processing activities through the register's ProcessingActivityLinks, not its table.",
  },
  {
    name: '@vigie/catalog',
    importNames: ['Deployment'],
    message: "Read deployments through the catalog's DeploymentsService (deployedFor, membersDeploying).",
  },
];

function boundariesOf(lib) {
  const allowed = DOCUMENTED_LINKS[lib] ?? [];
  const sideways = FEATURE_LIBS.filter((other) => other !== lib && !allowed.includes(other));
  const patterns = [INTERNALS, SIDEWAYS_FILES];
  if (sideways.length > 0)
    patterns.push({
      group: sideways.map((other) => `@vigie/${other}`),
      message: 'A feature lib does not import another one sideways unless the link is documented.',
    });
  const owned = ['breaches', 'vendors', 'access-reviews'].includes(lib) ? OWNED_ENTITIES : [];
  return {
    files: [`libs/${lib}/src/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', { paths: owned, patterns }] },
  };
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'data/**',
      'node_modules/**',
      'coverage/**',
      'jest.config.js',
      'apps/web/src/api/schema.d.ts',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'error',
    },
  },
  ...['core', 'db', 'authz', 'documents', 'catalog', 'identity', 'notifications', 'jobs', 'reference-data']
    .concat(FEATURE_LIBS)
    .map(boundariesOf),
  {
    files: ['bench/**/*.mjs'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['scripts/**/*.js', 'bench/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-console': 'off' },
  },
  {
    files: ['test/**/*.ts', '**/*.spec.ts', 'bench/**/*.ts', 'bench/**/*.js'],
    rules: { 'no-console': 'off' },
  },
);
