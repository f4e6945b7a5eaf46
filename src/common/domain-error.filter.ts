import {
  ArgumentsHost,
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  Optional,
  type ExceptionFilter,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { isConnectionError } from '../database/connection-errors.js';
import { DatabaseConnector } from '../database/database-connector.js';
import { DomainError, type ErrorCode } from './errors.js';

const STATUS: Record<ErrorCode, number> = {
  validation: HttpStatus.BAD_REQUEST,
  notFound: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
  payloadTooLarge: HttpStatus.PAYLOAD_TOO_LARGE,
};

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * Every error answer has CONTRACT §2's shape `{statusCode, error, message: [...]}`. Domain errors
 * map by code; Nest's HttpExceptions keep their status; anything else is a 500 with a correlation
 * id, logged once (the answer carries no internals).
 */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(@Optional() private readonly database?: DatabaseConnector) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    const probe = terminusAnswer(exception);
    if (probe) {
      res.status(HttpStatus.SERVICE_UNAVAILABLE).json(probe);
      return;
    }
    const [status, messages] = this.describe(exception);
    res.status(status).json({ statusCode: status, error: REASON[status] ?? 'Error', message: messages });
  }

  private describe(exception: unknown): [number, string[]] {
    if (exception instanceof DomainError) return [STATUS[exception.code], exception.messages];
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      const msg =
        typeof body === 'object' && body && 'message' in body
          ? (body as { message: unknown }).message
          : exception.message;
      return [exception.getStatus(), Array.isArray(msg) ? msg.map(String) : [String(msg)]];
    }
    // The database is away (booting without it, an outage): the request can be tried again, not a bug.
    // Before the first connection TypeORM has no metadata either ("No metadata for …"): any failure is that.
    if (isConnectionError(exception) || this.database?.isReady === false)
      return [503, ['database unavailable; try again shortly']];
    const id = randomUUID();
    this.logger.error(`unhandled error ${id}: ${(exception as Error)?.stack ?? String(exception)}`);
    return [500, [`internal error (correlation id ${id})`]];
  }
}

/**
 * A failing Terminus probe (`/health/ready`, `/health/live`) keeps its own answer: which check is
 * down and its issues, all in the service's own words (HealthController writes no driver text).
 */
function terminusAnswer(exception: unknown): object | null {
  if (!(exception instanceof HttpException) || exception.getStatus() !== HttpStatus.SERVICE_UNAVAILABLE) return null;
  const body = exception.getResponse();
  return typeof body === 'object' && body && (body as { status?: unknown }).status === 'error' && 'details' in body
    ? body
    : null;
}
