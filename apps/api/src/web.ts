import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DynamicModule } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import type { Response } from 'express';

/**
 * The client routes that answer index.html: any GET but the API and its documents, the probes, the public
 * registers (server-rendered pages) and a missing asset, which answer their own 404. (A pattern rather than serve-static's `exclude`, whose error handler would
 * turn every error of an excluded path, a malformed JSON body included, into a 404.)
 */
export const CLIENT_ROUTES = /^\/(?!(?:api|health|assets|public)(?:\/|$))/;

/** The installation's `dist/web`: the nearest folder above this file holding a package.json. */
export function defaultWebDir(from: string = __dirname): string {
  let folder = from;
  while (!existsSync(join(folder, 'package.json')) && dirname(folder) !== folder) folder = dirname(folder);
  return join(folder, 'dist', 'web');
}

/**
 * Cache rules of the web application: files under `assets/` carry a content hash in their name and never change
 * (one year, immutable); everything else, index.html first, is revalidated at every load.
 */
export function setWebCacheHeaders(response: Response, path: string): void {
  response.setHeader(
    'Cache-Control',
    /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
  );
}

/**
 * Serves the built web application at `/`, with `index.html` for any other GET outside the API (client routes).
 * Null when the folder holds no build (the API alone then answers).
 */
export function webModule(webDir: string): DynamicModule | null {
  if (!existsSync(join(webDir, 'index.html'))) return null;
  return ServeStaticModule.forRoot({
    rootPath: webDir,
    renderPath: CLIENT_ROUTES,
    serveStaticOptions: {
      index: false,
      cacheControl: false,
      etag: true,
      lastModified: true,
      fallthrough: true,
      redirect: false,
      dotfiles: 'deny',
      setHeaders: setWebCacheHeaders,
    },
  });
}
