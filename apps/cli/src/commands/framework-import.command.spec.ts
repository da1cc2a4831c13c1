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
    expect(result.output).toContain('code: must be 3 to 50 lower-case letters');
    expect(result.output).toContain('requirements[1].colour: unknown property');
    expect(result.output).toContain('requirements[1].ref: "ARC-01" is already used by requirements[0]');
    expect(result.output).toContain('requirements[2].title: must be a non-empty string');
    expect(result.output).toContain(
      'requirements[2].parent: "ARC-09" is not the ref of an earlier requirement',
    );
  });
});
