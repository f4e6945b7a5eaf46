import {
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  NotFoundException,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';

const PUBLIC = 'market-scheduler:public';
/** Marks a controller or route as open (health probes and metrics). Everything else needs the token. */
export const Public = () => SetMetadata(PUBLIC, true);

/** What a request's `Authorization` header says about its caller. */
export type Credential = 'none' | 'valid' | 'invalid';

/** The one comparison of a bearer token with ADMIN_TOKEN (constant-time), shared by the guards and `/health`. */
@Injectable()
export class AdminToken {
  private readonly expected: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.expected = Buffer.from(config.adminToken);
  }

  credential(req: Pick<Request, 'headers'>): Credential {
    const header = req.headers.authorization;
    if (header === undefined || header === '') return 'none';
    const match = /^Bearer (\S+)$/.exec(header);
    const given = Buffer.from(match?.[1] ?? '');
    return given.length === this.expected.length && timingSafeEqual(given, this.expected) ? 'valid' : 'invalid';
  }
}

/** Whether the route (handler or controller) is marked @Public(). */
export function isPublicRoute(reflector: Reflector, context: ExecutionContext): boolean {
  return reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()]) === true;
}

@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly workerOnly: boolean;

  constructor(
    private readonly reflector: Reflector,
    private readonly token: AdminToken,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.workerOnly = config.scheduler.mode === 'worker';
  }

  canActivate(context: ExecutionContext): boolean {
    if (isPublicRoute(this.reflector, context)) return true;
    // SCHEDULER_MODE=worker serves probes and metrics only; the admin API lives on the `api`/`all` replicas.
    if (this.workerOnly)
      throw new NotFoundException('this replica runs in SCHEDULER_MODE=worker and serves no admin API');
    if (this.token.credential(context.switchToHttp().getRequest<Request>()) === 'valid') return true;
    throw new UnauthorizedException('a valid "Authorization: Bearer <ADMIN_TOKEN>" header is required');
  }
}
