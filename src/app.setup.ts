import type { INestApplication } from '@nestjs/common';
import { installBodyParsers } from './common/body-parsing.js';
import { securityHeaders } from './common/security-headers.js';
import { createValidationPipe } from './common/validation.js';
import { setupDocs } from './docs/openapi.js';
import { serveDashboard } from './dashboard/dashboard.static.js';

/**
 * HTTP concerns shared by main.ts and the e2e tests: body parsing and its limits (common/body-parsing),
 * the global validation pipe, the public API documentation at /docs, security headers (helmet).
 */
export function setupApp(app: INestApplication): INestApplication {
  app.use(securityHeaders());
  installBodyParsers(app);
  app.useGlobalPipes(createValidationPipe());
  setupDocs(app);
  serveDashboard(app);
  // Exit 0 once the shutdown hooks (scheduler drain, outbox, database) are done. Nest's default
  // re-raises the signal after them, so a clean SIGTERM shutdown looked like a kill (exit 143).
  app.enableShutdownHooks([], { useProcessExit: true });
  return app;
}
