import { backoffDelay, type BackoffPolicy } from '../base/resilience/backoff.js';
import { realSleep } from '../base/resilience/sleep.js';

/** SQLSTATEs of a lost or refused connection: class 08, the server shutting down or terminating us, too many clients. */
const CONNECTION_STATES = /^(08...|57P01|57P02|57P03|53300)$/;
const CONNECTION_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTCONN']);
const CONNECTION_TEXTS =
  /Connection terminated|connection error|timeout exceeded when trying to connect|terminating connection|Connection is not established|DataSource is not initialized|Driver not Connected|Cannot execute operation on "default" connection/i;

/**
 * Whether an error means the database could not be reached or dropped our connection (a restart,
 * `pg_terminate_backend`, a network cut), as opposed to a statement the database refused. Work
 * that failed so did not happen or was rolled back, and is safe to repeat once the database answers.
 */
export function isConnectionError(error: unknown): boolean {
  for (let e = error as Record<string, unknown> | undefined, depth = 0; e && depth < 4; depth++) {
    if (typeof e.code === 'string' && (CONNECTION_STATES.test(e.code) || CONNECTION_ERRNOS.has(e.code))) return true;
    if (typeof e.message === 'string' && CONNECTION_TEXTS.test(e.message)) return true;
    if (e.name === 'CannotExecuteNotConnectedError') return true;
    e = (e.driverError ?? e.cause) as Record<string, unknown> | undefined;
  }
  return false;
}

/** Re-trying a write after a lost connection: 250 ms doubling to 5 s, ±20 %. */
const RECONNECT: BackoffPolicy = { baseMs: 250, maxMs: 5000, factor: 2, jitter: 0.2 };

/**
 * `fn`, repeated while it fails with a connection error, for at most `maxWaitMs` (then the last
 * error is thrown). For writes that must not be lost to a dropped connection (a run's outcome):
 * each attempt is one statement or one transaction, so a failed one changed nothing.
 */
export async function whileUnreachable<T>(
  fn: () => Promise<T>,
  opts: { maxWaitMs: number; signal?: AbortSignal; onRetry?: (error: Error, attempt: number) => void },
): Promise<T> {
  const deadline = Date.now() + opts.maxWaitMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!isConnectionError(e) || Date.now() >= deadline || opts.signal?.aborted) throw e;
      opts.onRetry?.(e as Error, attempt);
      const wait = Math.min(backoffDelay(attempt, RECONNECT), Math.max(0, deadline - Date.now()));
      await realSleep(wait, opts.signal).catch(() => undefined);
    }
  }
}
