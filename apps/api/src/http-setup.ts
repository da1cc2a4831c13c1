import { RequestMethod } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import {
  AppConfig,
  bodyParserErrorMiddleware,
  createValidationPipe,
  hostileInputMiddleware,
  requestIdFor,
} from '@vigie/core';
import helmet from 'helmet';

export const API_PREFIX = 'api/v1';

/** HTTP concerns shared by the server and the e2e tests: prefix, security headers, CORS, bodies, validation, docs. */
export function configureHttp(app: NestExpressApplication, config: AppConfig): void {
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      // The public register: at the site root, without authentication (a town links to it, or frames it).
      { path: 'public/*path', method: RequestMethod.GET },
    ],
  });
  // First of all, so that even a request refused by a body parser carries its correlation id.
  app.use(
    (
      request: Parameters<typeof requestIdFor>[0] & { id?: string },
      response: Parameters<typeof requestIdFor>[1],
      next: () => void,
    ) => {
      request.id = requestIdFor(request, response);
      next();
    },
  );
  app.set('trust proxy', trustProxyValue(config.trustProxy));
  app.disable('x-powered-by');
  // No ETag computed over every JSON answer (a SHA-1 of the body): API answers are `no-store`, so no client
  // revalidates them; the routes meant to be revalidated (the public register) set their own ETag.
  app.set('etag', false);
  // The web application runs with a strict policy (its scripts and styles are files of its own); only the
  // Swagger UI under /api/docs needs inline scripts and styles.
  const strict = helmet({
    contentSecurityPolicy: {
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        // Vigie may be served over plain HTTP on a town's network: never rewrite its requests to https.
        'upgrade-insecure-requests': null,
      },
    },
  });
  const swaggerUi = helmet({
    contentSecurityPolicy: {
      directives: {
        'script-src': ["'self'", "'unsafe-inline'"],
        'style-src': ["'self'", "'unsafe-inline'"],
      },
    },
  });
  app.use((request: { path: string }, response: unknown, next: () => void) =>
    (request.path === '/api/docs' || request.path.startsWith('/api/docs/') ? swaggerUi : strict)(
      request as never,
      response as never,
      next,
    ),
  );
  app.enableCors(
    config.corsOrigins.length > 0
      ? {
          origin: config.corsOrigins,
          exposedHeaders: [
            'X-Request-Id',
            'X-Document-Id',
            'X-Content-SHA256',
            'X-Evidence-Status',
            'X-Evidence-Id',
          ],
        }
      : { origin: false },
  );
  app.useBodyParser('json', { limit: config.bodyLimitBytes });
  app.use(bodyParserErrorMiddleware);
  app.use(hostileInputMiddleware);
  // API answers carry personal data and tokens: no browser or proxy keeps them unless a route says otherwise.
  app.use(
    `/${API_PREFIX}`,
    (_request: unknown, response: { setHeader(name: string, value: string): void }, next: () => void) => {
      response.setHeader('Cache-Control', 'no-store');
      next();
    },
  );
  app.useGlobalPipes(createValidationPipe());

  SwaggerModule.setup('api/docs', app, () => openApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
  });
}

/** The OpenAPI document of the application (served at /api/docs-json; the web client's types come from it). */
export function openApiDocument(app: NestExpressApplication): OpenAPIObject {
  const openApi = new DocumentBuilder()
    .setTitle('Vigie API')
    .setDescription(
      'GDPR registers, certification, vendors and access reviews of a shared public IT operator',
    )
    .setVersion('1')
    .addBearerAuth()
    .addCookieAuth('vigie_session')
    .build();
  return SwaggerModule.createDocument(app, openApi);
}

/** `VIGIE_TRUST_PROXY`: a hop count ("1"), `true`/`false`, or addresses and subnets ("loopback, 10.0.0.0/8"). */
export function trustProxyValue(setting: string): boolean | number | string[] {
  if (/^\d+$/.test(setting)) return Number(setting);
  if (setting === 'true' || setting === 'false') return setting === 'true';
  return setting
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}
