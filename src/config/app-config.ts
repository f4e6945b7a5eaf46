import { parseSymbolMap } from './symbol-map.js';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  isURL,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
  type ValidationError,
} from 'class-validator';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { providerEnv, type ProviderSettings } from '../market-data/core/provider-definition.js';
import { DEFAULT_PROVIDER_PRIORITY, PROVIDER_NAMES, PROVIDERS } from '../market-data/providers/provider-table.js';
import { redactUrl, urlSecrets } from '../base/security/redact.js';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) => {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return value;
};
const URL_OPTIONS = { require_tld: false, protocols: ['http', 'https'], require_protocol: true };

/**
 * The environment of CONTRACT §1, validated once at boot. Nothing else in the service reads
 * process.env: it asks for this object. Property names are the variable names, so a validation
 * message names the variable the operator has to fix.
 */
export class EnvironmentVariables {
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @IsOptional()
  @IsString()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @IsString()
  DATA_DIR: string = './data';

  @IsOptional()
  @IsString()
  @Matches(/^\S{16,}$/, { message: 'ADMIN_TOKEN must be at least 16 characters with no spaces' })
  ADMIN_TOKEN?: string;

  @IsOptional()
  @IsIn(['all', 'api', 'worker'])
  SCHEDULER_MODE: 'all' | 'api' | 'worker' = 'all';

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  SCHEDULER_ENABLED: boolean = true;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(256)
  SCHEDULER_MAX_WORKERS: number = 4;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400)
  SCHEDULER_JOB_TIMEOUT: number = 300;

  /** Seconds a SIGTERM waits for runs in flight before handing them back (Kubernetes grants 30 by default). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600)
  SHUTDOWN_GRACE: number = 25;

  @IsOptional()
  @IsString()
  SCHEDULER_TIMEZONE: string = 'UTC';

  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  NOTIFY_URL?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(300)
  NOTIFY_TIMEOUT: number = 10;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  NOTIFY_MAX_ATTEMPTS: number = 20;

  /** HMAC key of X-Signature-256 on every notification (CONTRACT §8); unset: deliveries are unsigned. */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'NOTIFY_SIGNING_SECRET must be at least 16 characters (a guessable key signs nothing)' })
  NOTIFY_SIGNING_SECRET?: string;

  /** Deliveries per minute to one recipient; unset: unlimited. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60000)
  NOTIFY_RATE_PER_RECIPIENT?: number;

  // Each provider's <NAME>_BASE_URL and <NAME>_API_KEY come from the provider table (providerSettings).

  /**
   * Binance's kline WebSocket streams (bar closes and live prices for alerts). Unset: Binance's own
   * when BINANCE_BASE_URL is Binance's, none otherwise (a proxy or Binance.US says where its streams
   * are); `off` disables them, and alerts poll REST as before.
   */
  @IsOptional()
  @Matches(/^(off|wss?:\/\/[^\s]+)$/, { message: 'BINANCE_WS_URL must be a ws:// or wss:// URL, or off' })
  BINANCE_WS_URL?: string;

  @IsOptional()
  @Matches(new RegExp(`^(${PROVIDER_NAMES.join('|')})(,(${PROVIDER_NAMES.join('|')}))*$`), {
    message: `PROVIDER_PRIORITY must be a comma-separated list of ${PROVIDER_NAMES.join(', ')}`,
  })
  PROVIDER_PRIORITY: string = DEFAULT_PROVIDER_PRIORITY.join(',');

  /** JSON: the names other vendors give a symbol, for failover (parseSymbolMap). */
  @IsOptional()
  @IsString()
  SYMBOL_MAP?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(300)
  DATA_TIMEOUT: number = 10;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86400)
  DATA_CACHE_TTL: number = 60;

  @IsOptional()
  @Matches(/^\s*(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\s*(,\s*(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\s*)*$/, {
    message: 'HTTP_JOB_ALLOWED_HOSTS must be a comma-separated list of host names (a leading *. allowed)',
  })
  HTTP_JOB_ALLOWED_HOSTS?: string;

  @IsOptional()
  @IsIn(['debug', 'info', 'warn', 'error'])
  LOG_LEVEL: 'debug' | 'info' | 'warn' | 'error' = 'info';

  @IsOptional()
  @IsIn(['json', 'pretty'])
  LOG_FORMAT?: 'json' | 'pretty';

  @IsOptional()
  @IsString()
  ALERTS_DIR?: string;
}

/** The typed configuration the rest of the service receives. */
export interface AppConfig {
  port: number;
  databaseUrl: string | null;
  dataDir: string;
  adminToken: string;
  /**
   * `env`: ADMIN_TOKEN; `generated`: this boot created `adminTokenFile`; `file`: read from it; `memory`:
   * a random token for this process only (loadConfig without the file step, as tests use it).
   */
  adminTokenSource: 'env' | 'generated' | 'file' | 'memory';
  adminTokenFile: string | null;
  scheduler: {
    mode: 'all' | 'api' | 'worker';
    enabled: boolean;
    maxWorkers: number;
    jobTimeoutSeconds: number;
    timezone: string;
    /** SHUTDOWN_GRACE: how long a SIGTERM lets runs in flight finish. */
    shutdownGraceSeconds: number;
  };
  notify: {
    url: string | null;
    timeoutSeconds: number;
    maxAttempts: number;
    /** NOTIFY_SIGNING_SECRET: signs every delivery when set. */
    signingSecret: string | null;
    /** NOTIFY_RATE_PER_RECIPIENT: deliveries per minute to one recipient; null = unlimited. */
    ratePerRecipient: number | null;
  };
  providers: {
    priority: string[];
    /** Per provider of the table: `<NAME>_BASE_URL` (or its default) and `<NAME>_API_KEY` (or null). */
    settings: Record<string, ProviderSettings>;
    /** SYMBOL_MAP: symbol → provider → that provider's name for it. */
    symbolMap: Record<string, Record<string, string>>;
    /** Where Binance's kline streams are, or null: no streams, alerts poll. */
    binanceWsUrl: string | null;
  };
  /** DATA_TIMEOUT (per market-data request) and DATA_CACHE_TTL (quotes and reference data), seconds. */
  data: { timeoutSeconds: number; cacheTtlSeconds: number };
  /** HTTP_JOB_ALLOWED_HOSTS, lower-cased; null when unset (every `http` job is refused). */
  httpJobs: { allowedHosts: string[] | null };
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** `json` (one object per line) unless stdout is a terminal, where `pretty` reads better. */
  logFormat: 'json' | 'pretty';
  alertsDir: string | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

function flatten(errors: ValidationError[]): string[] {
  return errors.flatMap((e) =>
    Object.values(e.constraints ?? {}).map((m) => (m.startsWith(e.property) ? m : `${e.property}: ${m}`)),
  );
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The process's own environment, validated: the one place the service reads process.env. */
export function configFromEnvironment(): AppConfig {
  return loadConfig(process.env, { stdoutIsTerminal: process.stdout.isTTY === true });
}

/** Validates an environment (process.env at boot, a literal object in tests) into an AppConfig. */
export function loadConfig(
  env: Record<string, string | undefined>,
  opts: { stdoutIsTerminal?: boolean } = {},
): AppConfig {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const vars = plainToInstance(EnvironmentVariables, defined, { exposeDefaultValues: true });
  const problems = flatten(validateSync(vars, { skipMissingProperties: false, whitelist: false }));
  if (!isTimeZone(vars.SCHEDULER_TIMEZONE))
    problems.push(`SCHEDULER_TIMEZONE: "${vars.SCHEDULER_TIMEZONE}" is not an IANA time zone`);
  const providers = providerSettings(defined, problems);
  problems.push(...parseSymbolMap(vars.SYMBOL_MAP).problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return toAppConfig(vars, providers, opts.stdoutIsTerminal ?? false);
}

/** `<NAME>_BASE_URL` and `<NAME>_API_KEY` of every provider in the table, validated. */
function providerSettings(
  env: Record<string, string | undefined>,
  problems: string[],
): Record<string, ProviderSettings> {
  const settings: Record<string, ProviderSettings> = {};
  for (const p of PROVIDERS) {
    const urlVar = providerEnv(p.name, 'BASE_URL');
    const url = env[urlVar];
    if (url !== undefined && (p.baseUrl === null || !isURL(url, URL_OPTIONS)))
      problems.push(p.baseUrl === null ? `${urlVar}: ${p.name} has no base URL` : `${urlVar} must be a URL address`);
    settings[p.name] = {
      baseUrl: p.baseUrl === null ? null : (url ?? p.baseUrl).replace(/\/+$/, ''),
      apiKey: p.apiKey === 'required' ? (env[providerEnv(p.name, 'API_KEY')] ?? null) : null,
    };
  }
  return settings;
}

function toAppConfig(
  v: EnvironmentVariables,
  providers: Record<string, ProviderSettings>,
  stdoutIsTerminal: boolean,
): AppConfig {
  return {
    port: v.PORT,
    databaseUrl: v.DATABASE_URL ?? null,
    dataDir: resolve(v.DATA_DIR),
    adminToken: v.ADMIN_TOKEN ?? randomBytes(24).toString('base64url'),
    adminTokenSource: v.ADMIN_TOKEN === undefined ? 'memory' : 'env',
    adminTokenFile: null,
    scheduler: {
      mode: v.SCHEDULER_MODE,
      enabled: v.SCHEDULER_ENABLED,
      maxWorkers: v.SCHEDULER_MAX_WORKERS,
      jobTimeoutSeconds: v.SCHEDULER_JOB_TIMEOUT,
      timezone: v.SCHEDULER_TIMEZONE,
      shutdownGraceSeconds: v.SHUTDOWN_GRACE,
    },
    notify: {
      url: v.NOTIFY_URL ?? null,
      timeoutSeconds: v.NOTIFY_TIMEOUT,
      maxAttempts: v.NOTIFY_MAX_ATTEMPTS,
      signingSecret: v.NOTIFY_SIGNING_SECRET ?? null,
      ratePerRecipient: v.NOTIFY_RATE_PER_RECIPIENT ?? null,
    },
    providers: {
      priority: v.PROVIDER_PRIORITY.split(','),
      settings: providers,
      symbolMap: parseSymbolMap(v.SYMBOL_MAP).map,
      binanceWsUrl: binanceWsUrl(v.BINANCE_WS_URL, providers.binance?.baseUrl ?? null),
    },
    data: { timeoutSeconds: v.DATA_TIMEOUT, cacheTtlSeconds: v.DATA_CACHE_TTL },
    httpJobs: {
      allowedHosts: v.HTTP_JOB_ALLOWED_HOSTS
        ? v.HTTP_JOB_ALLOWED_HOSTS.split(',')
            .map((h) => h.trim().toLowerCase())
            .filter(Boolean)
        : null,
    },
    logLevel: v.LOG_LEVEL,
    logFormat: v.LOG_FORMAT ?? (stdoutIsTerminal ? 'pretty' : 'json'),
    alertsDir: v.ALERTS_DIR ? resolve(v.ALERTS_DIR) : null,
  };
}

const REDACTED = '[redacted]';

/** The effective configuration for `GET /scheduler/config`: secrets never leave the process. */
export function redactedConfig(c: AppConfig): Record<string, unknown> {
  const url = (u: string | null) => (u ? redactUrl(u) : null);
  return {
    ...c,
    databaseUrl: url(c.databaseUrl),
    adminToken: REDACTED,
    notify: {
      ...c.notify,
      url: url(c.notify.url),
      signingSecret: c.notify.signingSecret ? REDACTED : null,
    },
    providers: {
      ...c.providers,
      settings: Object.fromEntries(
        Object.entries(c.providers.settings).map(([name, s]) => [
          name,
          { ...s, baseUrl: url(s.baseUrl), apiKey: s.apiKey ? REDACTED : null },
        ]),
      ),
    },
  };
}

/** Every secret value of the configuration, for `redactText` (log lines, error texts). */
export function configSecrets(c: AppConfig): string[] {
  return [
    c.adminToken,
    c.notify.signingSecret,
    ...Object.values(c.providers.settings).map((s) => s.apiKey),
    ...urlSecrets(c.databaseUrl),
    ...urlSecrets(c.notify.url),
  ].filter((s): s is string => !!s);
}

const BINANCE_REST = 'https://api.binance.com';
const BINANCE_STREAMS = 'wss://stream.binance.com:9443';

/** BINANCE_WS_URL, or Binance's own streams when the REST API is Binance's own (a proxy or Binance.US must say where theirs are). */
function binanceWsUrl(setting: string | undefined, restUrl: string | null): string | null {
  if (setting === 'off') return null;
  if (setting) return setting.replace(/\/+$/, '');
  return restUrl?.replace(/\/+$/, '') === BINANCE_REST ? BINANCE_STREAMS : null;
}
