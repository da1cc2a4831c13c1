import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { DomainException, ErrorCode, FieldError, TooManyRequestsException } from './domain.exception';
import { ERROR_HTTP, Problem, PROBLEM_CONTENT_TYPE, problemType } from './problem';
import { isDatabaseUnavailable } from './database-errors';
import { domainErrorFromUpload } from './upload-errors';
import { frenchHttpDetail, HTTP_DETAILS_FR } from './french-messages';

const HTTP_CODES: Record<number, ErrorCode> = {
  400: ErrorCode.Validation,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  409: ErrorCode.Conflict,
  413: ErrorCode.PayloadTooLarge,
  415: ErrorCode.UnsupportedMediaType,
  429: ErrorCode.TooManyRequests,
  503: ErrorCode.ServiceUnavailable,
};

/**
 * Turns every error into `application/problem+json`. Domain errors keep their message; framework HTTP errors
 * keep a generic one; anything else is a 500 (or a 503 when the database is out of reach) whose details stay
 * in the log, under the request id that the client also receives.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(exception);
    problem.instance = request.originalUrl?.split('?')[0];
    problem.requestId = request.id ? String(request.id) : undefined;
    if (problem.status >= 500) {
      this.logger.error({ err: exception, requestId: problem.requestId }, 'Request failed');
    }
    if (response.headersSent) return;
    if (problem.status === 503) response.setHeader('Retry-After', '5');
    if (exception instanceof TooManyRequestsException && exception.retryAfterSeconds !== undefined) {
      response.setHeader('Retry-After', String(Math.max(1, Math.ceil(exception.retryAfterSeconds))));
    }
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(error: unknown): Problem {
    const exception = domainErrorFromUpload(error) ?? error;
    if (exception instanceof DomainException) {
      const problem = this.fromCode(exception.code, exception.message, exception.errors);
      return exception.problem ? { ...problem, type: problemType(exception.problem) } : problem;
    }
    if (exception instanceof ThrottlerException) {
      return this.fromCode(ErrorCode.TooManyRequests, HTTP_DETAILS_FR[429]);
    }
    if (exception instanceof HttpException) return this.fromHttpException(exception);
    if (isDatabaseUnavailable(exception)) {
      return this.fromCode(
        ErrorCode.ServiceUnavailable,
        'La base de données est momentanément indisponible ; réessayez dans un instant',
      );
    }
    return {
      type: problemType('internal'),
      title: 'Erreur interne',
      status: 500,
      detail: HTTP_DETAILS_FR[500],
    };
  }

  private fromCode(code: ErrorCode, detail: string, errors?: FieldError[]): Problem {
    const { status, title } = ERROR_HTTP[code];
    return { type: problemType(code), title, status, detail, ...(errors ? { errors } : {}) };
  }

  private fromHttpException(exception: HttpException): Problem {
    const status = exception.getStatus();
    const code = HTTP_CODES[status];
    const body = exception.getResponse();
    const message =
      typeof body === 'object' && body !== null && 'message' in body
        ? (body as { message: unknown }).message
        : body;
    const detail = frenchHttpDetail(status, typeof message === 'string' ? message : exception.message);
    if (code) return this.fromCode(code, detail);
    return {
      type: problemType(`http-${status}`),
      title: HTTP_DETAILS_FR[status] ?? `Erreur ${status}`,
      status,
      detail,
    };
  }
}
