var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, validateSync, } from 'class-validator';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
const toInt = ({ value }) => (typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value);
const toBool = ({ value }) => {
    if (value === 'true' || value === '1')
        return true;
    if (value === 'false' || value === '0')
        return false;
    return value;
};
const PROVIDERS = ['binance', 'yahoo', 'finnhub', 'polygon', 'alphavantage', 'csv'];
/**
 * The environment of CONTRACT §1, validated once at boot. Nothing else in the service reads
 * process.env: it asks for this object. Property names are the variable names, so a validation
 * message names the variable the operator has to fix.
 */
export class EnvironmentVariables {
    PORT = 3000;
    DATABASE_URL;
    DATA_DIR = './data';
    ADMIN_TOKEN;
    SCHEDULER_MODE = 'all';
    SCHEDULER_ENABLED = true;
    SCHEDULER_MAX_WORKERS = 4;
    SCHEDULER_JOB_TIMEOUT = 300;
    SCHEDULER_TIMEZONE = 'UTC';
    NOTIFY_URL;
    NOTIFY_TIMEOUT = 10;
    NOTIFY_MAX_ATTEMPTS = 20;
    BINANCE_BASE_URL = 'https://api.binance.com';
    YAHOO_BASE_URL = 'https://query1.finance.yahoo.com';
    ALPHAVANTAGE_API_KEY;
    FINNHUB_API_KEY;
    POLYGON_API_KEY;
    PROVIDER_PRIORITY = 'binance,yahoo,finnhub,polygon,alphavantage';
    LOG_LEVEL = 'info';
    ALERTS_DIR;
}
__decorate([
    IsOptional(),
    Transform(toInt),
    IsInt(),
    Min(0),
    Max(65535),
    __metadata("design:type", Number)
], EnvironmentVariables.prototype, "PORT", void 0);
__decorate([
    IsOptional(),
    IsString(),
    Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// URL' }),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "DATABASE_URL", void 0);
__decorate([
    IsOptional(),
    IsString(),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "DATA_DIR", void 0);
__decorate([
    IsOptional(),
    IsString(),
    Matches(/^\S{16,}$/, { message: 'ADMIN_TOKEN must be at least 16 characters with no spaces' }),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "ADMIN_TOKEN", void 0);
__decorate([
    IsOptional(),
    IsIn(['all', 'api', 'worker']),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "SCHEDULER_MODE", void 0);
__decorate([
    IsOptional(),
    Transform(toBool),
    IsBoolean(),
    __metadata("design:type", Boolean)
], EnvironmentVariables.prototype, "SCHEDULER_ENABLED", void 0);
__decorate([
    IsOptional(),
    Transform(toInt),
    IsInt(),
    Min(1),
    Max(256),
    __metadata("design:type", Number)
], EnvironmentVariables.prototype, "SCHEDULER_MAX_WORKERS", void 0);
__decorate([
    IsOptional(),
    Transform(toInt),
    IsInt(),
    Min(1),
    Max(86400),
    __metadata("design:type", Number)
], EnvironmentVariables.prototype, "SCHEDULER_JOB_TIMEOUT", void 0);
__decorate([
    IsOptional(),
    IsString(),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "SCHEDULER_TIMEZONE", void 0);
__decorate([
    IsOptional(),
    IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "NOTIFY_URL", void 0);
__decorate([
    IsOptional(),
    Transform(toInt),
    IsInt(),
    Min(1),
    Max(300),
    __metadata("design:type", Number)
], EnvironmentVariables.prototype, "NOTIFY_TIMEOUT", void 0);
__decorate([
    IsOptional(),
    Transform(toInt),
    IsInt(),
    Min(1),
    Max(1000),
    __metadata("design:type", Number)
], EnvironmentVariables.prototype, "NOTIFY_MAX_ATTEMPTS", void 0);
__decorate([
    IsOptional(),
    IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "BINANCE_BASE_URL", void 0);
__decorate([
    IsOptional(),
    IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "YAHOO_BASE_URL", void 0);
__decorate([
    IsOptional(),
    IsString(),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "ALPHAVANTAGE_API_KEY", void 0);
__decorate([
    IsOptional(),
    IsString(),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "FINNHUB_API_KEY", void 0);
__decorate([
    IsOptional(),
    IsString(),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "POLYGON_API_KEY", void 0);
__decorate([
    IsOptional(),
    Matches(new RegExp(`^(${PROVIDERS.join('|')})(,(${PROVIDERS.join('|')}))*$`), {
        message: `PROVIDER_PRIORITY must be a comma-separated list of ${PROVIDERS.join(', ')}`,
    }),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "PROVIDER_PRIORITY", void 0);
__decorate([
    IsOptional(),
    IsIn(['debug', 'info', 'warn', 'error']),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "LOG_LEVEL", void 0);
__decorate([
    IsOptional(),
    IsString(),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "ALERTS_DIR", void 0);
export class ConfigError extends Error {
    problems;
    constructor(problems) {
        super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
        this.problems = problems;
    }
}
function flatten(errors) {
    return errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => (m.startsWith(e.property) ? m : `${e.property}: ${m}`)));
}
function isTimeZone(tz) {
    try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
        return true;
    }
    catch {
        return false;
    }
}
/** Validates an environment (process.env at boot, a literal object in tests) into an AppConfig. */
export function loadConfig(env) {
    const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
    const vars = plainToInstance(EnvironmentVariables, defined, { exposeDefaultValues: true });
    const problems = flatten(validateSync(vars, { skipMissingProperties: false, whitelist: false }));
    if (!isTimeZone(vars.SCHEDULER_TIMEZONE))
        problems.push(`SCHEDULER_TIMEZONE: "${vars.SCHEDULER_TIMEZONE}" is not an IANA time zone`);
    if (problems.length > 0)
        throw new ConfigError(problems);
    return toAppConfig(vars);
}
function toAppConfig(v) {
    return {
        port: v.PORT,
        databaseUrl: v.DATABASE_URL ?? null,
        dataDir: resolve(v.DATA_DIR),
        adminToken: v.ADMIN_TOKEN ?? randomBytes(24).toString('base64url'),
        adminTokenGenerated: v.ADMIN_TOKEN === undefined,
        scheduler: {
            mode: v.SCHEDULER_MODE, enabled: v.SCHEDULER_ENABLED, maxWorkers: v.SCHEDULER_MAX_WORKERS,
            jobTimeoutSeconds: v.SCHEDULER_JOB_TIMEOUT, timezone: v.SCHEDULER_TIMEZONE,
        },
        notify: { url: v.NOTIFY_URL ?? null, timeoutSeconds: v.NOTIFY_TIMEOUT, maxAttempts: v.NOTIFY_MAX_ATTEMPTS },
        providers: {
            priority: v.PROVIDER_PRIORITY.split(','),
            binanceBaseUrl: v.BINANCE_BASE_URL.replace(/\/+$/, ''),
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
export function redactedConfig(c) {
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
//# sourceMappingURL=app-config.js.map