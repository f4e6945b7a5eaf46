import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';

/**
 * Fields bound to every log line written while `fn` runs, across awaits (AsyncLocalStorage, the
 * same store nestjs-pino binds `reqId` with): the scheduler binds `jobId` and `runId` to a run.
 */
@Injectable()
export class LogContext {
  constructor(private readonly pino: PinoLogger) {}

  run<T>(fields: Record<string, unknown>, fn: () => T): T {
    return this.pino.runInContext(fn, { bindings: fields });
  }
}
