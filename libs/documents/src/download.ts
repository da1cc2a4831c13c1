import { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import type { StoredFile } from './documents.service';

/**
 * Answers a stored file: its content type, a download name, and the record's id and SHA-256 in headers so
 * that a client can find the record again and check the bytes.
 */
export function asDownload(file: StoredFile, response: Response): StreamableFile {
  response.setHeader('X-Document-Id', file.document.id);
  response.setHeader('X-Content-SHA256', file.document.sha256);
  response.setHeader('Cache-Control', 'no-store');
  return new StreamableFile(file.bytes, {
    type: file.contentType,
    length: file.bytes.length,
    disposition: `attachment; filename="${file.fileName}"`,
  });
}
