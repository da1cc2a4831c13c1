import { PayloadTooLargeException, ValidationException } from '../errors/domain.exception';

/** What the central directory of a ZIP file (an XLSX, a DOCX…) declares, read without inflating anything. */
export interface ZipDirectory {
  entries: number;
  /** Sum of the declared uncompressed sizes of every entry. */
  inflatedBytes: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_HEADER = 0x02014b50;

function unreadable(): ValidationException {
  return ValidationException.field('file', 'le fichier XLSX est illisible (archive ZIP endommagée)');
}

function readBig(buffer: Buffer, at: number): number {
  const value = buffer.readBigUInt64LE(at);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw unreadable();
  return Number(value);
}

/**
 * Reads the end of a ZIP file and its central directory (ZIP64 included): how many entries it holds and how
 * many bytes they declare once inflated. Throws a 400 when the structure is not that of a ZIP file.
 */
export function readZipDirectory(buffer: Buffer): ZipDirectory {
  const from = Math.max(0, buffer.length - 22 - 0xffff);
  let end = -1;
  for (let at = buffer.length - 22; at >= from; at -= 1) {
    if (buffer.readUInt32LE(at) === EOCD) {
      end = at;
      break;
    }
  }
  if (end < 0) throw unreadable();
  let entries = buffer.readUInt16LE(end + 10);
  let size = buffer.readUInt32LE(end + 12);
  let offset = buffer.readUInt32LE(end + 16);
  if (entries === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const locator = end - 20;
    if (locator < 0 || buffer.readUInt32LE(locator) !== ZIP64_LOCATOR) throw unreadable();
    const zip64End = readBig(buffer, locator + 8);
    if (zip64End + 56 > buffer.length || buffer.readUInt32LE(zip64End) !== ZIP64_EOCD) throw unreadable();
    entries = readBig(buffer, zip64End + 32);
    size = readBig(buffer, zip64End + 40);
    offset = readBig(buffer, zip64End + 48);
  }
  if (offset + size > buffer.length) throw unreadable();
  let inflatedBytes = 0;
  let at = offset;
  for (let i = 0; i < entries; i += 1) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== CENTRAL_HEADER) throw unreadable();
    let inflated = buffer.readUInt32LE(at + 24);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    if (inflated === 0xffffffff) {
      // ZIP64 extended information: the 64-bit uncompressed size comes first.
      let extra = at + 46 + nameLength;
      const extraEnd = extra + extraLength;
      inflated = -1;
      while (extra + 4 <= extraEnd && extraEnd <= buffer.length) {
        const id = buffer.readUInt16LE(extra);
        const length = buffer.readUInt16LE(extra + 2);
        if (id === 0x0001 && length >= 8) {
          inflated = readBig(buffer, extra + 4);
          break;
        }
        extra += 4 + length;
      }
      if (inflated < 0) throw unreadable();
    }
    inflatedBytes += inflated;
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { entries, inflatedBytes };
}

/**
 * Refuses, before anything is inflated, a ZIP file whose entries declare more than `maxInflatedBytes` in all or
 * more than `maxEntries` entries (a « zip bomb »: a few kilobytes that inflate to gigabytes). The inflater
 * (JSZip) then checks each entry against its declared size, so a lying directory fails too.
 */
export function assertZipWithinLimits(
  buffer: Buffer,
  limits: { maxInflatedBytes: number; maxEntries?: number },
): ZipDirectory {
  const directory = readZipDirectory(buffer);
  if (directory.entries > (limits.maxEntries ?? 10_000)) {
    throw new PayloadTooLargeException(
      `Le fichier XLSX contient trop d’éléments (${directory.entries}) pour être lu`,
    );
  }
  if (directory.inflatedBytes > limits.maxInflatedBytes) {
    throw ValidationException.field(
      'file',
      `le fichier XLSX décompressé occuperait ${formatMiB(directory.inflatedBytes)} (au plus ${formatMiB(limits.maxInflatedBytes)} admis) : enregistrez un classeur plus petit ou au format CSV`,
    );
  }
  return directory;
}

function formatMiB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mio`;
}
