import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { AppConfig } from '@vigie/core';
import type { Params } from 'nestjs-pino';

/**
 * pino JSON logs: one line per request with its id, never a credential, a token or a request body. Paths are
 * logged without their query string (which may hold personal data such as an email filter).
 */
export function loggerOptions(
  config: AppConfig,
  requestIdFor: (request: IncomingMessage, response: ServerResponse) => string,
): Params {
  return {
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.logLevel,
      // The id set by the first middleware (see http-setup), or a new one.
      genReqId: (request, response) =>
        (request as IncomingMessage & { id?: string }).id ?? requestIdFor(request, response),
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'res.headers["set-cookie"]',
          '*.password',
          '*.passwordHash',
          '*.accessToken',
          '*.token',
        ],
        censor: '[redacted]',
      },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      autoLogging: { ignore: (req) => req.url?.startsWith('/health') ?? false },
    },
  };
}
