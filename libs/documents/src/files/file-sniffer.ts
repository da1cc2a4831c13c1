import { parse } from 'csv-parse/sync';
import { fromBuffer } from 'file-type';

/** What the content of an accepted uploaded file is (certification evidence, questionnaire attachment). */
export interface SniffedType {
  contentType: string;
  /** Short label for messages and reports (`PDF`, `DOCX`, `CSV`…). */
  label: string;
}

/** Why a file was refused: an executable, or a format uploads may not take. */
export type SniffRefusal = { refused: true; reason: string };

/** Binary formats accepted, as detected by file-type from the content. */
const ACCEPTED: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
  'image/tiff': 'TIFF',
  'image/bmp': 'BMP',
  'image/heic': 'HEIC',
  'image/avif': 'AVIF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PPTX',
  'application/vnd.oasis.opendocument.text': 'ODT',
  'application/vnd.oasis.opendocument.spreadsheet': 'ODS',
  'application/vnd.oasis.opendocument.presentation': 'ODP',
};

/** Executable formats, recognised by their magic numbers (file-type 16 knows PE but not ELF or Mach-O). */
const EXECUTABLE_MAGICS: { bytes: number[]; name: string }[] = [
  { bytes: [0x4d, 0x5a], name: 'exécutable Windows (PE/MZ)' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], name: 'exécutable ELF' },
  { bytes: [0xfe, 0xed, 0xfa, 0xce], name: 'exécutable Mach-O' },
  { bytes: [0xfe, 0xed, 0xfa, 0xcf], name: 'exécutable Mach-O' },
  { bytes: [0xce, 0xfa, 0xed, 0xfe], name: 'exécutable Mach-O' },
  { bytes: [0xcf, 0xfa, 0xed, 0xfe], name: 'exécutable Mach-O' },
  { bytes: [0xca, 0xfe, 0xba, 0xbe], name: 'binaire universel Mach-O ou classe Java' },
  { bytes: [0x23, 0x21], name: 'script (#! shebang)' },
];

const startsWith = (bytes: Buffer, magic: number[]) => magic.every((byte, i) => bytes[i] === byte);

/**
 * Decides from the bytes alone (never from the name or the client's content type) whether an uploaded file
 * may be kept (certification evidence, questionnaire attachments): PDF, images, office documents (OOXML,
 * OpenDocument, legacy Word/Excel/PowerPoint), CSV and plain UTF-8 text. Executables (PE, ELF, Mach-O, shebang scripts), archives, markup and anything unrecognised are
 * refused.
 */
export async function sniffEvidence(bytes: Buffer): Promise<SniffedType | SniffRefusal> {
  const executable = EXECUTABLE_MAGICS.find((magic) => startsWith(bytes, magic.bytes));
  if (executable) return { refused: true, reason: `contenu exécutable refusé : ${executable.name}` };
  const detected = await fromBuffer(bytes);
  if (detected) {
    if (ACCEPTED[detected.mime]) return { contentType: detected.mime, label: ACCEPTED[detected.mime] };
    if (detected.mime === 'application/x-cfb') {
      return (
        legacyOffice(bytes) ?? {
          refused: true,
          reason:
            'un fichier composé OLE qui n’est pas un document Word, Excel ou PowerPoint (par exemple un installateur MSI)',
        }
      );
    }
    return {
      refused: true,
      reason: `les fichiers ${detected.ext.toUpperCase()} (${detected.mime}) ne sont pas acceptés`,
    };
  }
  return sniffText(bytes);
}

function sniffText(bytes: Buffer): SniffedType | SniffRefusal {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return {
      refused: true,
      reason:
        'contenu binaire non reconnu (acceptés : PDF, images, documents bureautiques, CSV, texte UTF-8)',
    };
  }

  if (/[\u0000-\u0008\u000e-\u001a\u001c-\u001f]/.test(text)) {
    return { refused: true, reason: 'contenu binaire non reconnu (caractères de contrôle dans le texte)' };
  }
  if (/^\s*#!/.test(text))
    return { refused: true, reason: 'contenu exécutable refusé : script (#! shebang)' };
  if (/^\s*<(!doctype|html|svg|\?xml|script)\b/i.test(text)) {
    return { refused: true, reason: 'les documents HTML, SVG et XML ne sont pas acceptés' };
  }
  return looksLikeCsv(text)
    ? { contentType: 'text/csv', label: 'CSV' }
    : { contentType: 'text/plain', label: 'Texte' };
}

/** Two or more rows with the same number (≥ 2) of `,`, `;` or tab separated columns. */
function looksLikeCsv(text: string): boolean {
  const sample = text.slice(0, 64 * 1024);
  const lines = sample.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length < 2) return false;
  // Drop a last line the sample may have cut in half.
  const complete = sample.length < text.length ? lines.slice(0, -1).join('\n') : lines.join('\n');
  for (const delimiter of [';', ',', '\t']) {
    if (!lines[0].includes(delimiter)) continue;
    try {
      const rows: string[][] = parse(complete, {
        delimiter,
        relax_column_count: false,
        skip_empty_lines: true,
      });
      if (rows.length >= 2 && rows[0].length >= 2) return true;
    } catch {
      // Not CSV with this delimiter.
    }
  }
  return false;
}

/**
 * Legacy Office files are OLE compound files, like MSI installers: tell them apart by the names of the streams
 * in the compound file's directory (WordDocument, Workbook/Book, PowerPoint Document).
 */
function legacyOffice(bytes: Buffer): SniffedType | undefined {
  const names = compoundFileStreamNames(bytes);
  if (names.has('WordDocument')) return { contentType: 'application/msword', label: 'DOC' };
  if (names.has('Workbook') || names.has('Book'))
    return { contentType: 'application/vnd.ms-excel', label: 'XLS' };
  if (names.has('PowerPoint Document')) return { contentType: 'application/vnd.ms-powerpoint', label: 'PPT' };
  return undefined;
}

/** Names of the entries of a compound file's directory (MS-CFB), following the directory's sector chain. */
export function compoundFileStreamNames(bytes: Buffer): Set<string> {
  const names = new Set<string>();
  if (bytes.length < 512) return names;
  const sectorSize = 1 << bytes.readUInt16LE(0x1e);
  if (sectorSize !== 512 && sectorSize !== 4096) return names;
  const sectorOffset = (sector: number) => (sector + 1) * sectorSize;
  // FAT sectors: the first 109 are listed in the header (enough for files up to ~7 MB of FAT at 512-byte
  // sectors; the directory chain of a document is found there in practice).
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i += 1) {
    const sector = bytes.readUInt32LE(0x4c + i * 4);
    if (sector >= 0xfffffffa) break;
    fatSectors.push(sector);
  }
  const perFatSector = sectorSize / 4;
  const next = (sector: number): number => {
    const fat = fatSectors[Math.floor(sector / perFatSector)];
    if (fat === undefined) return 0xfffffffe;
    const offset = sectorOffset(fat) + (sector % perFatSector) * 4;
    return offset + 4 <= bytes.length ? bytes.readUInt32LE(offset) : 0xfffffffe;
  };
  let sector = bytes.readUInt32LE(0x30);
  for (let hops = 0; sector < 0xfffffffa && hops < 1000; hops += 1) {
    const start = sectorOffset(sector);
    for (let entry = start; entry + 128 <= Math.min(start + sectorSize, bytes.length); entry += 128) {
      const nameLength = bytes.readUInt16LE(entry + 0x40);
      if (nameLength >= 2 && nameLength <= 64) {
        names.add(bytes.toString('utf16le', entry, entry + nameLength - 2));
      }
    }
    sector = next(sector);
  }
  return names;
}
