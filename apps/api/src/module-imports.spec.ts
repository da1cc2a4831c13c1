import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { MODULE_METADATA } from '@nestjs/common/constants';

const ROOT = join(__dirname, '..', '..', '..');
const LIBS = join(ROOT, 'libs');
const GLOBAL_MODULE = '__module:global__';

type NestModule = abstract new (...args: never[]) => unknown;

/** The lib's server source files, specs left out. */
function sourcesOf(lib: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ts$/.test(entry.name) && !/\.(spec|d)\.ts$/.test(entry.name)) out.push(full);
    }
  };
  walk(join(LIBS, lib, 'src'));
  return out;
}

/** The names each file imports from another lib's public face, `@vigie/<lib>` (type-only imports left out). */
function namedImports(lib: string): Map<string, Set<string>> {
  const byLib = new Map<string, Set<string>>();
  const importRe = /import\s+(type\s+)?\{([^}]*)\}\s+from\s+'@vigie\/([a-z-]+)'/g;
  for (const file of sourcesOf(lib)) {
    for (const [, typeOnly, names, from] of readFileSync(file, 'utf8').matchAll(importRe)) {
      if (typeOnly || from === lib) continue;
      const set = byLib.get(from) ?? new Set<string>();
      for (const raw of names.split(',')) {
        const name = raw.trim();
        if (name && !name.startsWith('type ')) set.add(name.split(/\s+as\s+/)[0]);
      }
      byLib.set(from, set);
    }
  }
  return byLib;
}

/** Every lib with a Nest module, with that module class (the `*Module` export of its public face). */
function libModules(): Map<string, { module: NestModule; face: Record<string, unknown> }> {
  const out = new Map<string, { module: NestModule; face: Record<string, unknown> }>();
  for (const lib of readdirSync(LIBS)) {
    if (!readdirSync(join(LIBS, lib, 'src')).some((file) => file.endsWith('.module.ts'))) continue;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const face = require(`@vigie/${lib}`) as Record<string, unknown>;
    const module = Object.entries(face).find(
      ([name, value]) =>
        name.endsWith('Module') &&
        typeof value === 'function' &&
        Reflect.getMetadata(MODULE_METADATA.PROVIDERS, value) !== undefined,
    )?.[1] as NestModule | undefined;
    if (module) out.set(lib, { module, face });
  }
  return out;
}

const importsOf = (module: NestModule): unknown[] =>
  Reflect.getMetadata(MODULE_METADATA.IMPORTS, module) ?? [];
const exportsOf = (module: NestModule): unknown[] =>
  Reflect.getMetadata(MODULE_METADATA.EXPORTS, module) ?? [];
const providersOf = (module: NestModule): unknown[] =>
  Reflect.getMetadata(MODULE_METADATA.PROVIDERS, module) ?? [];

/**
 * Nest module imports match the TypeScript imports (issue 13, item 3): a lib that injects a provider another
 * lib exports imports that lib's module (unless it is global), and never declares that provider again among its
 * own (a second instance); a lib's module imports no other lib's module whose providers it does not use.
 */
describe('Nest module imports and TypeScript imports', () => {
  const modules = libModules();

  it('finds the libs and their modules', () => {
    expect([...modules.keys()]).toEqual(
      expect.arrayContaining(['register', 'breaches', 'identity', 'catalog']),
    );
  });

  it('imports the module of every lib whose exported providers a lib uses, and no other', () => {
    const mismatches: string[] = [];
    for (const [lib, { module }] of modules) {
      const used = new Set<string>();
      for (const [from, names] of namedImports(lib)) {
        const target = modules.get(from);
        if (!target || Reflect.getMetadata(GLOBAL_MODULE, target.module)) continue;
        const exported = new Set(exportsOf(target.module));
        if ([...names].some((name) => exported.has(target.face[name]))) used.add(from);
      }
      const imported = new Set(
        [...modules]
          .filter(([other, { module: m }]) => other !== lib && importsOf(module).includes(m))
          .map(([other]) => other),
      );
      for (const from of used)
        if (!imported.has(from))
          mismatches.push(`${lib} uses ${from}'s providers without importing its module`);
      for (const from of imported)
        if (!used.has(from) && !Reflect.getMetadata(GLOBAL_MODULE, modules.get(from)!.module))
          mismatches.push(`${lib} imports ${from}'s module without using its providers`);
    }
    expect(mismatches).toEqual([]);
  });

  it('never provides again a provider another lib exports', () => {
    const copies: string[] = [];
    for (const [lib, { module }] of modules)
      for (const [other, target] of modules)
        if (other !== lib)
          for (const provider of providersOf(module))
            if (exportsOf(target.module).includes(provider))
              copies.push(`${lib} provides ${(provider as { name?: string }).name} of ${other}`);
    expect(copies).toEqual([]);
  });

  it('reads the lib sources it checks', () => {
    expect(sourcesOf('register').map((file) => relative(ROOT, file))).toContain('libs/register/src/index.ts');
  });
});
