import { HttpException } from '@nestjs/common';
import { DomainException, PayloadTooLargeException, ValidationException } from './domain.exception';

const FILE_TOO_LARGE = 'The uploaded file is larger than the upload limit (VIGIE_UPLOAD_LIMIT_BYTES)';

/**
 * The domain error for a multipart upload refused by multer, whether its error arrives raw (multer used as a
 * middleware) or as Nest's translation of it (`FileInterceptor` turns LIMIT_FILE_SIZE into a 413 "File too
 * large" HttpException): 413 for a file over the limit, 400 for the other multipart limits. Undefined for any
 * other error.
 */
export function domainErrorFromUpload(error: unknown): DomainException | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { name, code, field } = error as { name?: unknown; code?: unknown; field?: unknown };
  if (name === 'MulterError' && typeof code === 'string') {
    if (code === 'LIMIT_FILE_SIZE') return new PayloadTooLargeException(FILE_TOO_LARGE);
    const where = typeof field === 'string' ? ` (${field})` : '';
    return new ValidationException(`Invalid multipart upload: ${code.toLowerCase()}${where}`);
  }
  if (error instanceof HttpException && error.getStatus() === 413 && /file too large/i.test(error.message)) {
    return new PayloadTooLargeException(FILE_TOO_LARGE);
  }
  return undefined;
}
