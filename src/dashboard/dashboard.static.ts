import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The dashboard's own policy: every script, style and connection from this origin only, nothing
 * inline (the page is built as files), no framing. Set on /ui whatever the app-wide headers say.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** `dist/ui` of the package this module belongs to (from src/ under tests, from dist/ in production). */
export function dashboardDir(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'dist', 'ui');
    if (dirname(dir) === dir) return join(from, 'ui');
  }
}

/**
 * `/ui`: the dashboard's static files (CONTRACT §8: public; its data comes from the API with the
 * token). Plain express.static rather than a Nest controller: the files need no guard, no pipe,
 * and hashed assets are cached for good while index.html is revalidated.
 */
export function serveDashboard(app: INestApplication, dir = dashboardDir()): void {
  const built = existsSync(join(dir, 'index.html'));
  app.use('/ui', (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Content-Security-Policy', DASHBOARD_CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (built) return next();
    res.status(404).json({
      statusCode: 404,
      error: 'Not Found',
      message: ['the dashboard is not built: run `npm run build` (it writes dist/ui)'],
    });
  });
  app.use(
    '/ui',
    express.static(dir, {
      index: 'index.html',
      fallthrough: true,
      setHeaders: (res, path) =>
        res.setHeader(
          'Cache-Control',
          path.includes(`${join('ui', 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        ),
    }),
  );
}
