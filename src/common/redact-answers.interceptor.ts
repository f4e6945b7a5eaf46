import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { map, type Observable } from 'rxjs';
import { maskSecrets } from '../base/security/redact.js';
import { APP_CONFIG } from '../config/config.module.js';
import { configSecrets, type AppConfig } from '../config/app-config.js';

/**
 * The net under every API answer: the configured secrets (admin token, provider keys, the passwords
 * of DATABASE_URL and NOTIFY_URL) are masked in every string of a JSON answer, e.g. a run's error
 * quoting an upstream that echoed a key back. Only these exact values are touched, never the
 * user's own data around them.
 */
@Injectable()
export class RedactAnswersInterceptor implements NestInterceptor {
  private readonly secrets: string[];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.secrets = configSecrets(config);
  }

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(map((body) => this.mask(body)));
  }

  private mask(value: unknown): unknown {
    if (typeof value === 'string') return maskSecrets(value, this.secrets);
    if (Array.isArray(value)) return value.map((v) => this.mask(v));
    if (value && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value)) {
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return value;
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.mask(v)]));
    }
    return value;
  }
}
