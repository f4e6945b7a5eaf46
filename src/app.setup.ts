import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { securityHeaders } from './common/security-headers.js';
import { createValidationPipe } from './common/validation.js';

const REASONS: Record<number, string> = { 400: 'Bad Request', 413: 'Payload Too Large', 415: 'Unsupported Media Type' };

/**
 * HTTP concerns shared by main.ts and the e2e tests: body limits (CONTRACT §4a: 256 KB, 16 MB for
 * bulk loads), errors of the body parser in the contract's error shape, the global validation pipe,
 * security headers (helmet).
 */
export function setupApp(app: INestApplication): INestApplication {
  app.use(securityHeaders());
  app.use('/jobs/bulk', express.json({ limit: '16mb' }));
  app.use(express.json({ limit: '256kb' }));
  app.use(
    (err: { status?: number; type?: string; message?: string }, _req: Request, res: Response, next: NextFunction) => {
      if (!err?.status || !err.type) return next(err);
      const message =
        err.type === 'entity.too.large'
          ? 'request body is too large (limit 256 KB; 16 MB for POST /jobs/bulk)'
          : err.type === 'entity.parse.failed'
            ? 'request body is not valid JSON'
            : (err.message ?? 'bad request body');
      res
        .status(err.status)
        .json({ statusCode: err.status, error: REASONS[err.status] ?? 'Bad Request', message: [message] });
    },
  );
  app.useGlobalPipes(createValidationPipe());
  // Exit 0 once the shutdown hooks (scheduler drain, outbox, database) are done. Nest's default
  // re-raises the signal after them, so a clean SIGTERM shutdown looked like a kill (exit 143).
  app.enableShutdownHooks([], { useProcessExit: true });
  return app;
}
