import { HttpException } from '@nestjs/common';
import { DomainException, PayloadTooLargeException, ValidationException } from './domain.exception';

const FILE_TOO_LARGE = 'Le fichier envoyé dépasse la taille maximale admise (VIGIE_UPLOAD_LIMIT_BYTES)';

/** French names of multer's limits. */
const MULTER_LIMITS: Record<string, string> = {
  LIMIT_PART_COUNT: 'trop de parties',
  LIMIT_FILE_COUNT: 'trop de fichiers',
  LIMIT_FIELD_KEY: 'nom de champ trop long',
  LIMIT_FIELD_VALUE: 'valeur de champ trop longue',
  LIMIT_FIELD_COUNT: 'trop de champs',
  LIMIT_UNEXPECTED_FILE: 'fichier inattendu',
  MISSING_FIELD_NAME: 'nom de champ manquant',
};

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
    const reason = MULTER_LIMITS[code] ?? 'limite dépassée';
    return new ValidationException(`Envoi multipart refusé : ${reason} [${code.toLowerCase()}]${where}`);
  }
  if (error instanceof HttpException && error.getStatus() === 413 && /file too large/i.test(error.message)) {
    return new PayloadTooLargeException(FILE_TOO_LARGE);
  }
  return undefined;
}
