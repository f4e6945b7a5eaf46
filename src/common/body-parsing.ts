import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { hostileInputProblems, jsonDepthExceeds, MAX_JSON_DEPTH } from './hostile-input.js';

const REASONS: Record<number, string> = { 400: 'Bad Request', 413: 'Payload Too Large', 415: 'Unsupported Media Type' };

class TooDeep extends Error {
  readonly status = 400;
  readonly type = 'entity.too.deep';
  constructor() {
    super(`request body is nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
}

/** Runs on the raw bytes, before JSON.parse: a deep body is refused without being built. */
function refuseDeepJson(_req: Request, _res: Response, raw: Buffer): void {
  if (jsonDepthExceeds(raw)) throw new TooDeep();
}

function badRequest(res: Response, status: number, messages: string[]): void {
  res.status(status).json({ statusCode: status, error: REASONS[status] ?? 'Bad Request', message: messages });
}

/**
 * JSON bodies (CONTRACT §4a, §8): 256 KB (16 MB for bulk loads), nesting ≤ 64 checked on the raw
 * text, then no prototype keys and no NUL characters anywhere, before a controller, pipe or
 * class-transformer sees the body. Every refusal is a 4xx in the contract's error shape.
 */
export function installBodyParsers(app: INestApplication): void {
  app.use('/jobs/bulk', express.json({ limit: '16mb', verify: refuseDeepJson }));
  app.use(express.json({ limit: '256kb', verify: refuseDeepJson }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.body === undefined || req.body === null || typeof req.body !== 'object') return next();
    const problems = hostileInputProblems(req.body);
    if (problems.length > 0) return badRequest(res, 400, problems);
    next();
  });
  app.use(
    (err: { status?: number; type?: string; message?: string }, _req: Request, res: Response, next: NextFunction) => {
      if (!err?.status || !err.type) return next(err);
      const message =
        err.type === 'entity.too.large'
          ? 'request body is too large (limit 256 KB; 16 MB for POST /jobs/bulk)'
          : err.type === 'entity.parse.failed'
            ? 'request body is not valid JSON'
            : (err.message ?? 'bad request body');
      badRequest(res, err.status, [message]);
    },
  );
}
