import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
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

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    // A structured answer of its own (Terminus' `{status, info, error, details}` on a failing
    // readiness check) is the route's contract: kept as it is, with its status.
    const own = exception instanceof HttpException ? exception.getResponse() : null;
    if (typeof own === 'object' && own !== null && !('message' in own)) {
      res.status((exception as HttpException).getStatus()).json(own);
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
    const id = randomUUID();
    this.logger.error(`unhandled error ${id}: ${(exception as Error)?.stack ?? String(exception)}`);
    return [500, [`internal error (correlation id ${id})`]];
  }
}
