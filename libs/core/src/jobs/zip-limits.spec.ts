import JSZip from 'jszip';
import { assertZipWithinLimits, readZipDirectory } from './zip-limits';

async function zipOf(files: Record<string, Buffer>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, bytes] of Object.entries(files)) zip.file(name, bytes);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('ZIP central directory limits', () => {
  it('sums the declared uncompressed sizes without inflating', async () => {
    const bytes = await zipOf({ 'a.txt': Buffer.alloc(1000, 0x61), 'b/c.xml': Buffer.alloc(250_000, 0x20) });
    expect(readZipDirectory(bytes)).toEqual({ entries: 3, inflatedBytes: 251_000 }); // with the folder « b/ »;
  });

  it('refuses a small archive that inflates past the limit with a French 400', async () => {
    const bytes = await zipOf({ 'xl/big.bin': Buffer.alloc(5 * 1024 * 1024, 0) });
    expect(bytes.length).toBeLessThan(20_000);
    expect(() => assertZipWithinLimits(bytes, { maxInflatedBytes: 4 * 1024 * 1024 })).toThrow(
      'le fichier XLSX décompressé occuperait 5 Mio (au plus 4 Mio admis)',
    );
    expect(assertZipWithinLimits(bytes, { maxInflatedBytes: 6 * 1024 * 1024 }).inflatedBytes).toBe(
      5 * 1024 * 1024,
    );
  });

  it('refuses what is not a ZIP archive, or a truncated one', async () => {
    expect(() => readZipDirectory(Buffer.from('pas une archive'))).toThrow('archive ZIP endommagée');
    const bytes = await zipOf({ 'a.txt': Buffer.from('bonjour') });
    expect(() => readZipDirectory(bytes.subarray(0, bytes.length - 30))).toThrow('archive ZIP endommagée');
  });
});
