import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Params } from 'nestjs-pino';
import pino, { type DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import pretty from 'pino-pretty';
import { maskSecrets } from '../base/security/redact.js';
import type { AppConfig } from '../config/app-config.js';
import { REDACT_PATHS, REDACTED, redactSecrets } from './redact.js';

/** An incoming X-Request-Id is kept when it is a plain token (no log injection), else a new one is made. */
const REQUEST_ID = /^[\w.:@/-]{1,128}$/;
/** Probes and scrapes every few seconds would drown the log. */
const QUIET_PATHS = /^\/(health|metrics)(\/|\?|$)/;

function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/** Only what a reader needs of a request: never its headers (Authorization) or body. */
const serializers = {
  req: (req: { method?: string; url?: string }) => ({ method: req.method, url: redactSecrets(req.url ?? '') }),
  res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
};

/**
 * pino options of the service (CONTRACT §1 LOG_LEVEL, LOG_FORMAT): JSON lines, or pino-pretty in
 * the process (no transport worker thread: less memory) on a terminal; ISO times; secrets redacted
 * by path and inside message text; a request id per HTTP request, echoed as `X-Request-Id`.
 */
export function pinoOptions(
  config: Pick<AppConfig, 'logLevel' | 'logFormat'>,
  secrets: readonly string[] = [],
): Options {
  return {
    level: config.logLevel,
    timestamp: pino.stdTimeFunctions.isoTime,
    base: { pid: process.pid },
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    serializers,
    hooks: {
      logMethod(args, method) {
        for (let i = 0; i < args.length; i++) {
          const arg: unknown = args[i];
          // The configured secrets (admin token, provider keys, the passwords in DATABASE_URL and
          // NOTIFY_URL) masked wherever they appear, e.g. in an upstream's answer a line quotes.
          if (typeof arg === 'string') args[i] = maskSecrets(redactSecrets(arg), secrets);
        }
        return method.apply(this, args as Parameters<typeof method>);
      },
    },
    genReqId: requestId,
    customAttributeKeys: { reqId: 'reqId' },
    quietReqLogger: true,
    autoLogging: { ignore: (req) => QUIET_PATHS.test(req.url ?? '') },
    // A 5xx is a warning here: an unexpected error is logged once, with its stack and correlation id, by
    // the exception filter; a 503 is an upstream outage the health checks already report.
    customLogLevel: (_req, res) => (res.statusCode >= 500 ? 'warn' : 'info'),
    // pino-http invents an Error ("failed with status code 503") with a stack of its own internals.
    customErrorObject: (_req, _res, _err, { err: _drop, ...rest }: Record<string, unknown>) => rest,
    customSuccessMessage: (req, res, ms) => `${req.method} ${redactSecrets(req.url ?? '')} ${res.statusCode} ${ms} ms`,
    customErrorMessage: (req, res) => `${req.method} ${redactSecrets(req.url ?? '')} ${res.statusCode} failed`,
  };
}

export function logDestination(config: Pick<AppConfig, 'logFormat'>): DestinationStream {
  // Colours only when stdout is a terminal (pino-pretty's default), so LOG_FORMAT=pretty into a file stays plain.
  if (config.logFormat === 'pretty')
    return pretty({ translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', sync: true });
  return pino.destination({ dest: 1, sync: true });
}

export function loggerParams(
  config: Pick<AppConfig, 'logLevel' | 'logFormat'>,
  secrets: readonly string[] = [],
): Params {
  return { pinoHttp: [pinoOptions(config, secrets), logDestination(config)] };
}
