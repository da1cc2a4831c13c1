import { compoundFileStreamNames, sniffEvidence } from './file-sniffer';

/** A minimal OLE compound file (512-byte sectors: FAT in sector 0, directory in sector 1) with these streams. */
function compoundFile(streams: string[]): Buffer {
  const bytes = Buffer.alloc(512 * 3);
  Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(bytes, 0);
  bytes.writeUInt16LE(0x3e, 0x18);
  bytes.writeUInt16LE(3, 0x1a);
  bytes.writeUInt16LE(0xfffe, 0x1c);
  bytes.writeUInt16LE(9, 0x1e);
  bytes.writeUInt16LE(6, 0x20);
  bytes.writeUInt32LE(1, 0x2c);
  bytes.writeUInt32LE(1, 0x30);
  bytes.writeUInt32LE(0x1000, 0x38);
  bytes.writeUInt32LE(0xfffffffe, 0x3c);
  bytes.writeUInt32LE(0xfffffffe, 0x44);
  for (let i = 0; i < 109; i += 1) bytes.writeUInt32LE(i === 0 ? 0 : 0xffffffff, 0x4c + i * 4);
  bytes.writeUInt32LE(0xfffffffd, 512);
  bytes.writeUInt32LE(0xfffffffe, 516);
  for (let i = 2; i < 128; i += 1) bytes.writeUInt32LE(0xffffffff, 512 + i * 4);
  ['Root Entry', ...streams].forEach((name, index) => {
    const entry = 1024 + index * 128;
    bytes.write(name, entry, 'utf16le');
    bytes.writeUInt16LE((name.length + 1) * 2, entry + 0x40);
    bytes.writeUInt8(index === 0 ? 5 : 2, entry + 0x42);
  });
  return bytes;
}

describe('sniffEvidence', () => {
  it('accepts PDF, images, CSV and text from their content', async () => {
    expect(await sniffEvidence(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'))).toMatchObject({
      contentType: 'application/pdf',
    });
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    expect(await sniffEvidence(png)).toMatchObject({ contentType: 'image/png' });
    expect(await sniffEvidence(Buffer.from('compte,rôle\nadm,admin\nusr,lecteur\n'))).toMatchObject({
      contentType: 'text/csv',
    });
    expect(await sniffEvidence(Buffer.from('\ufeffCompte rendu du comité de sécurité.\n'))).toMatchObject({
      contentType: 'text/plain',
    });
  });

  it('tells legacy Word and Excel files from other compound files such as MSI installers', async () => {
    expect(compoundFileStreamNames(compoundFile(['WordDocument', '1Table']))).toEqual(
      new Set(['Root Entry', 'WordDocument', '1Table']),
    );
    expect(await sniffEvidence(compoundFile(['WordDocument']))).toMatchObject({
      contentType: 'application/msword',
    });
    expect(await sniffEvidence(compoundFile(['Workbook']))).toMatchObject({
      contentType: 'application/vnd.ms-excel',
    });
    expect(await sniffEvidence(compoundFile(['\u4840\u3f3f\u4577']))).toMatchObject({ refused: true });
  });

  it('refuses executables, scripts, markup and unknown binaries', async () => {
    const cases: [Buffer, RegExp][] = [
      [Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]), /exécutable Windows/],
      [Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(60)]), /ELF/],
      [Buffer.concat([Buffer.from('cffaedfe', 'hex'), Buffer.alloc(60)]), /Mach-O/],
      [Buffer.from('#!/usr/bin/env python3\nprint(1)\n'), /shebang/],
      [Buffer.from('  #!/bin/sh\n'), /shebang/],
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>'), /HTML, SVG/],
      [Buffer.from('504b030414000000080000000000', 'hex'), /ne sont pas acceptés/],
      [Buffer.from([0x00, 0x01, 0x02, 0xfe, 0xff, 0x10]), /non reconnu/],
    ];
    for (const [bytes, reason] of cases) {
      const result = await sniffEvidence(bytes);
      expect(result).toMatchObject({ refused: true });
      expect((result as { reason: string }).reason).toMatch(reason);
    }
  });
});
