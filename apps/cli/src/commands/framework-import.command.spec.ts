import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@vigie/core';
import { frameworkImportCommand } from './framework-import.command';

describe('framework:import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-framework-'));
  const config = loadConfig({ VIGIE_DATA_DIR: join(dir, 'never-opened') });

  async function run(args: string[]): Promise<{ code: number; output: string }> {
    const lines: string[] = [];
    const code = await frameworkImportCommand.run(args, config, (line) => lines.push(line));
    return { code, output: lines.join('\n') };
  }

  it('asks for exactly one file', async () => {
    expect((await run([])).code).toBe(2);
  });

  it('reports a file that is not JSON', async () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{"code": ');
    const result = await run([file]);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/Cannot read .*broken\.json/);
  });

  it('lists every structural problem with its path, without opening the database', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        code: 'Archives Publiques',
        name: 'Convention archives',
        edition: '2025',
        requirements: [
          { ref: 'ARC-01', title: 'Versement', group: 'Chapitre 1' },
          { ref: 'ARC-01', title: 'Doublon', group: 'Chapitre 1', colour: 'red' },
          { ref: 'ARC-02', title: '', group: 'Chapitre 2', parent: 'ARC-09' },
        ],
      }),
    );
    const result = await run([file]);
    expect(result.code).toBe(1);
    expect(result.output).toContain('nothing was written');
    expect(result.output).toContain('code : doit compter de 3 à 50 minuscules');
    expect(result.output).toContain('requirements[1].colour : propriété inconnue');
    expect(result.output).toContain('requirements[1].ref : « ARC-01 » est déjà pris par requirements[0]');
    expect(result.output).toContain('requirements[2].title : doit être un texte non vide');
    expect(result.output).toContain(
      'requirements[2].parent : « ARC-09 » n’est pas la référence d’une exigence qui précède',
    );
  });
});
