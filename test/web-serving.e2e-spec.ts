import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, TestApp } from './support/test-app';

/** The API process serves the built web application at `/` (a stand-in build, so the rules are what is tested). */
describe('Web application serving (e2e)', () => {
  const webDir = mkdtempSync(join(tmpdir(), 'vigie-web-'));
  let app: TestApp;

  beforeAll(async () => {
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(
      join(webDir, 'index.html'),
      '<!doctype html><html lang="fr"><head><title>Vigie</title></head><body><div id="root"></div>' +
        '<script type="module" src="/assets/index-Ab12Cd34.js"></script></body></html>',
    );
    writeFileSync(join(webDir, 'assets', 'index-Ab12Cd34.js'), 'document.title = "Vigie";');
    writeFileSync(join(webDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    app = await createTestApp({ VIGIE_WEB_DIR: webDir });
  });
  afterAll(async () => {
    await app.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('serves index.html at / and for client routes, never cached, under a strict content security policy', async () => {
    for (const path of ['/', '/registre', '/registre/0b6f1c2e-8a55-4c8e-9a4e-3f1d2b7c9e01', '/compte?x=1']) {
      const response = await app.http.get(path);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.text).toContain('<html lang="fr">');
      expect(response.headers['cache-control']).toBe('no-cache');
      const csp = response.headers['content-security-policy'];
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('upgrade-insecure-requests');
    }
  });

  it('serves hashed assets as immutable for a year and other files revalidated', async () => {
    const asset = await app.http.get('/assets/index-Ab12Cd34.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const icon = await app.http.get('/favicon.svg');
    expect(icon.status).toBe(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
    expect((await app.http.get('/assets/index-gone.js')).status).toBe(404);
  });

  it('never answers index.html for the API, its documents or the probes', async () => {
    const api = await app.http.get('/api/v1/nowhere');
    expect(api.status).toBe(404);
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
    for (const path of ['/api', '/api/v2/organisations', '/health', '/health/other']) {
      const response = await app.http.get(path);
      expect(response.status).toBe(404);
      expect(response.text).not.toContain('<div id="root">');
    }
    expect((await app.http.get('/health/live')).body).toEqual({ status: 'ok' });
    expect((await app.http.get('/api/v1/auth/me')).status).toBe(401);
    // A POST to a client route is not the application either.
    expect((await app.http.post('/registre').send({})).status).toBe(404);
  });

  it('keeps the permissive policy the Swagger UI needs to its own pages only', async () => {
    const docs = await app.http.get('/api/docs/');
    expect(docs.status).toBe(200);
    expect(docs.headers['content-security-policy']).toContain("script-src 'self' 'unsafe-inline'");
  });
});
