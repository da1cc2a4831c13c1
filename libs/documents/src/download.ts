import { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';

/** A stored file about to be sent: a generated PDF record, or any other stored file (e.g. an evidence file). */
export interface DownloadableFile {
  /** The record the bytes belong to: its id and SHA-256 go out in headers. */
  document: { id: string; sha256: string };
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

/**
 * `Content-Disposition: attachment` for any file name (RFC 6266 / RFC 8187): an ASCII fallback without quotes,
 * backslashes or control characters, and the exact UTF-8 name in `filename*`. A user-supplied name (an
 * uploaded evidence file) can then neither break the header nor inject another one.
 */
export function attachmentDisposition(fileName: string): string {
  const fallback =
    fileName
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\x20-\x7e]|["\\%]/g, '_')
      .trim() || 'file';
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * Answers a stored file: its content type, a download name, and the record's id and SHA-256 in headers so
 * that a client can find the record again and check the bytes.
 */
export function asDownload(file: DownloadableFile, response: Response): StreamableFile {
  response.setHeader('X-Document-Id', file.document.id);
  response.setHeader('X-Content-SHA256', file.document.sha256);
  response.setHeader('Cache-Control', 'no-store');
  return new StreamableFile(file.bytes, {
    type: file.contentType,
    length: file.bytes.length,
    disposition: attachmentDisposition(file.fileName),
  });
}
