import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  validateSync,
  type ValidationError,
} from 'class-validator';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) => {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return value;
};
const PROVIDERS = ['binance', 'yahoo', 'finnhub', 'polygon', 'alphavantage', 'csv'];

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

  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  BINANCE_BASE_URL: string = 'https://api.binance.com';

  /**
   * Binance's kline WebSocket streams (bar closes and live prices for alerts). Unset: Binance's own
   * when BINANCE_BASE_URL is Binance's, none otherwise (a proxy or Binance.US says where its streams
   * are); `off` disables them, and alerts poll REST as before.
   */
  @IsOptional()
  @Matches(/^(off|wss?:\/\/[^\s]+)$/, { message: 'BINANCE_WS_URL must be a ws:// or wss:// URL, or off' })
  BINANCE_WS_URL?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  YAHOO_BASE_URL: string = 'https://query1.finance.yahoo.com';

  @IsOptional() @IsString() ALPHAVANTAGE_API_KEY?: string;
  @IsOptional() @IsString() FINNHUB_API_KEY?: string;
  @IsOptional() @IsString() POLYGON_API_KEY?: string;

  @IsOptional()
  @Matches(new RegExp(`^(${PROVIDERS.join('|')})(,(${PROVIDERS.join('|')}))*$`), {
    message: `PROVIDER_PRIORITY must be a comma-separated list of ${PROVIDERS.join(', ')}`,
  })
  PROVIDER_PRIORITY: string = 'binance,yahoo,finnhub,polygon,alphavantage';

  @IsOptional()
  @IsIn(['debug', 'info', 'warn', 'error'])
  LOG_LEVEL: 'debug' | 'info' | 'warn' | 'error' = 'info';

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
  adminTokenGenerated: boolean;
  scheduler: {
    mode: 'all' | 'api' | 'worker';
    enabled: boolean;
    maxWorkers: number;
    jobTimeoutSeconds: number;
    timezone: string;
  };
  notify: { url: string | null; timeoutSeconds: number; maxAttempts: number };
  providers: {
    priority: string[];
    binanceBaseUrl: string;
    /** Where Binance's kline streams are, or null: no streams, alerts poll. */
    binanceWsUrl: string | null;
    yahooBaseUrl: string;
    alphavantageApiKey: string | null;
    finnhubApiKey: string | null;
    polygonApiKey: string | null;
  };
  logLevel: 'debug' | 'info' | 'warn' | 'error';
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
  return loadConfig(process.env);
}

/** Validates an environment (process.env at boot, a literal object in tests) into an AppConfig. */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const vars = plainToInstance(EnvironmentVariables, defined, { exposeDefaultValues: true });
  const problems = flatten(validateSync(vars, { skipMissingProperties: false, whitelist: false }));
  if (!isTimeZone(vars.SCHEDULER_TIMEZONE))
    problems.push(`SCHEDULER_TIMEZONE: "${vars.SCHEDULER_TIMEZONE}" is not an IANA time zone`);
  if (problems.length > 0) throw new ConfigError(problems);
  return toAppConfig(vars);
}

function toAppConfig(v: EnvironmentVariables): AppConfig {
  return {
    port: v.PORT,
    databaseUrl: v.DATABASE_URL ?? null,
    dataDir: resolve(v.DATA_DIR),
    adminToken: v.ADMIN_TOKEN ?? randomBytes(24).toString('base64url'),
    adminTokenGenerated: v.ADMIN_TOKEN === undefined,
    scheduler: {
      mode: v.SCHEDULER_MODE,
      enabled: v.SCHEDULER_ENABLED,
      maxWorkers: v.SCHEDULER_MAX_WORKERS,
      jobTimeoutSeconds: v.SCHEDULER_JOB_TIMEOUT,
      timezone: v.SCHEDULER_TIMEZONE,
    },
    notify: { url: v.NOTIFY_URL ?? null, timeoutSeconds: v.NOTIFY_TIMEOUT, maxAttempts: v.NOTIFY_MAX_ATTEMPTS },
    providers: {
      priority: v.PROVIDER_PRIORITY.split(','),
      binanceBaseUrl: v.BINANCE_BASE_URL.replace(/\/+$/, ''),
      binanceWsUrl: binanceWsUrl(v.BINANCE_WS_URL, v.BINANCE_BASE_URL),
      yahooBaseUrl: v.YAHOO_BASE_URL.replace(/\/+$/, ''),
      alphavantageApiKey: v.ALPHAVANTAGE_API_KEY ?? null,
      finnhubApiKey: v.FINNHUB_API_KEY ?? null,
      polygonApiKey: v.POLYGON_API_KEY ?? null,
    },
    logLevel: v.LOG_LEVEL,
    alertsDir: v.ALERTS_DIR ? resolve(v.ALERTS_DIR) : null,
  };
}

const REDACTED = '[redacted]';

/** The effective configuration for `GET /scheduler/config`: secrets never leave the process. */
export function redactedConfig(c: AppConfig): Record<string, unknown> {
  return {
    ...c,
    databaseUrl: c.databaseUrl ? c.databaseUrl.replace(/\/\/([^:@/]+)(:[^@/]*)?@/, `//$1:${REDACTED}@`) : null,
    adminToken: REDACTED,
    providers: {
      ...c.providers,
      alphavantageApiKey: c.providers.alphavantageApiKey ? REDACTED : null,
      finnhubApiKey: c.providers.finnhubApiKey ? REDACTED : null,
      polygonApiKey: c.providers.polygonApiKey ? REDACTED : null,
    },
  };
}

const BINANCE_REST = 'https://api.binance.com';
const BINANCE_STREAMS = 'wss://stream.binance.com:9443';

function binanceWsUrl(setting: string | undefined, restUrl: string): string | null {
  if (setting === 'off') return null;
  if (setting) return setting.replace(/\/+$/, '');
  return restUrl.replace(/\/+$/, '') === BINANCE_REST ? BINANCE_STREAMS : null;
}
