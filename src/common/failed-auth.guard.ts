import { HttpException, HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { AdminToken, isPublicRoute } from './admin-token.guard.js';

/** Failed authentications one client address may make per window before it is refused (429). */
export const FAILED_AUTH_LIMIT = 10;
export const FAILED_AUTH_WINDOW_SECONDS = 60;
/** How long an address that went over the limit is refused (its unauthenticated requests only). */
export const FAILED_AUTH_BLOCK_SECONDS = 300;

/**
 * Throttles failed authentications, and only those: a request with the valid token, or a public
 * route without a token, is never counted nor slowed, so a burst of bad tokens from one address
 * gets 429 (with Retry-After) while the operator's own calls from that address keep working.
 * Counted: an admin route without a token or with a wrong one, and a wrong token on a public route
 * (GET /health compares it to decide whether to show the detail; it must not be an unthrottled
 * oracle). A worker replica compares no tokens (its admin routes are 404), so it counts nothing.
 * Registered before AdminTokenGuard (guards run in that order).
 *
 * rate-limiter-flexible's consecutive-failures pattern rather than @nestjs/throttler 6.7: the
 * throttler is CommonJS and require()s the ESM-only @nestjs/common 12, which Jest cannot load on
 * Node 20 (it needs Node ≥ 24.9), so no in-process test could boot the app with it. The counters
 * are per process: N replicas allow N × the limit, still a hard bound on guessing a 16+ character
 * token. Behind a proxy every client shares the proxy's address unless Express's `trust proxy`
 * is set; see docs/deploy.md.
 */
@Injectable()
export class FailedAuthGuard implements CanActivate {
  private readonly limiter = new RateLimiterMemory({
    keyPrefix: 'failed-auth',
    points: FAILED_AUTH_LIMIT,
    duration: FAILED_AUTH_WINDOW_SECONDS,
    blockDuration: FAILED_AUTH_BLOCK_SECONDS,
  });

  constructor(
    private readonly reflector: Reflector,
    private readonly token: AdminToken,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request>();
    if (!this.fails(context, req)) return true;
    try {
      await this.limiter.consume(req.ip ?? req.socket.remoteAddress ?? 'unknown');
      return true; // AdminTokenGuard answers 401 (or /health its public view)
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e;
      const seconds = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
      context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(seconds));
      throw new HttpException(
        `too many failed authentications from this address; retry in ${seconds} s`,
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }

  /** Whether this request is a failed authentication. */
  private fails(context: ExecutionContext, req: Request): boolean {
    const credential = this.token.credential(req);
    if (credential === 'valid') return false;
    if (isPublicRoute(this.reflector, context)) return credential === 'invalid';
    return this.config.scheduler.mode !== 'worker';
  }
}
