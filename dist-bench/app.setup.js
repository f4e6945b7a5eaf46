import express from 'express';
import { createValidationPipe } from './common/validation.js';
const REASONS = { 400: 'Bad Request', 413: 'Payload Too Large', 415: 'Unsupported Media Type' };
/**
 * HTTP concerns shared by main.ts and the e2e tests: body limits (CONTRACT §4a: 256 KB, 16 MB for
 * bulk loads), errors of the body parser in the contract's error shape, the global validation pipe.
 */
export function setupApp(app) {
    app.use('/jobs/bulk', express.json({ limit: '16mb' }));
    app.use(express.json({ limit: '256kb' }));
    app.use((err, _req, res, next) => {
        if (!err?.status || !err.type)
            return next(err);
        const message = err.type === 'entity.too.large'
            ? 'request body is too large (limit 256 KB; 16 MB for POST /jobs/bulk)'
            : err.type === 'entity.parse.failed' ? 'request body is not valid JSON' : (err.message ?? 'bad request body');
        res.status(err.status).json({ statusCode: err.status, error: REASONS[err.status] ?? 'Bad Request', message: [message] });
    });
    app.useGlobalPipes(createValidationPipe());
    app.enableShutdownHooks();
    return app;
}
//# sourceMappingURL=app.setup.js.map