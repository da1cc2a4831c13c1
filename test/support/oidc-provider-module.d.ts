// oidc-provider ships no type declarations; the tests use it through a narrow surface (see oidc-provider.ts).
declare module 'oidc-provider';
