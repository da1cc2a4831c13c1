import {
  ArgumentsHost,
  BadRequestException,
  HttpException,
  NotFoundException,
  PayloadTooLargeException,
} from '@nestjs/common';
import { ConflictException } from './domain.exception';
import { ProblemFilter } from './problem.filter';

/** Runs the filter on an error and returns what it answered. */
function answer(exception: unknown): { status: number; type: string; body: Record<string, unknown> } {
  const sent: { status: number; type: string; body: string } = { status: 0, type: '', body: '' };
  const response = {
    headersSent: false,
    setHeader: () => undefined,
    status(code: number) {
      sent.status = code;
      return this;
    },
    type(value: string) {
      sent.type = value;
      return this;
    },
    send(body: string) {
      sent.body = body;
      return this;
    },
  };
  const host = {
    switchToHttp: () => ({
      getRequest: () => ({ originalUrl: '/api/v1/upload?x=1', id: 'req-1' }),
      getResponse: () => response,
    }),
  } as unknown as ArgumentsHost;
  new ProblemFilter().catch(exception, host);
  return { status: sent.status, type: sent.type, body: JSON.parse(sent.body) };
}

function multerError(code: string, field?: string): Error {
  return Object.assign(new Error(code), { name: 'MulterError', code, field });
}

describe('ProblemFilter and uploads', () => {
  it('answers 413 problem+json for a raw multer "file too large" error', () => {
    const result = answer(multerError('LIMIT_FILE_SIZE', 'file'));
    expect(result.status).toBe(413);
    expect(result.type).toBe('application/problem+json');
    expect(result.body).toMatchObject({
      status: 413,
      title: 'Contenu trop volumineux',
      instance: '/api/v1/upload',
    });
    expect(result.body.detail).toMatch(/dépasse la taille maximale admise/);
  });

  it('answers the same 413 for the error FileInterceptor makes of it', () => {
    const result = answer(new PayloadTooLargeException('File too large'));
    expect(result.status).toBe(413);
    expect(result.body.detail).toMatch(/dépasse la taille maximale admise/);
  });

  it('answers 400 for the other multipart limits', () => {
    const result = answer(multerError('LIMIT_UNEXPECTED_FILE', 'attachment'));
    expect(result.status).toBe(400);
    expect(result.body.detail).toBe(
      'Envoi multipart refusé : fichier inattendu [limit_unexpected_file] (attachment)',
    );
    expect(answer(new BadRequestException('Unexpected field')).status).toBe(400);
  });
});

describe('ProblemFilter in French', () => {
  it('answers framework errors with French titles and details, keeping the codes', () => {
    const route = answer(new NotFoundException('Cannot GET /api/v1/nowhere'));
    expect(route.body).toMatchObject({
      type: 'https://vigie.dev/problems/not-found',
      title: 'Ressource introuvable',
      detail: "Aucune route GET /api/v1/nowhere dans l'API",
    });
    const gone = answer(new HttpException('Gone', 410));
    expect(gone.body).toMatchObject({
      status: 410,
      title: 'Ressource supprimée',
      detail: 'Ressource supprimée',
    });
    expect(answer(new Error('boom')).body).toMatchObject({
      title: 'Erreur interne',
      detail: 'Une erreur inattendue s’est produite',
    });
  });

  it('gives a conflict the problem type of its kind, and the generic type without one', () => {
    const duplicate = answer(new ConflictException('Une application porte déjà ce nom', 'duplicate'));
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({
      type: 'https://vigie.dev/problems/conflict-duplicate',
      title: 'Conflit',
      detail: 'Une application porte déjà ce nom',
    });
    expect(answer(new ConflictException('Cette fiche est déjà validée', 'state')).body.type).toBe(
      'https://vigie.dev/problems/conflict-state',
    );
    expect(answer(new ConflictException('Autre conflit')).body.type).toBe(
      'https://vigie.dev/problems/conflict',
    );
  });
});
