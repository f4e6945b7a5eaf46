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

@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly expected: Buffer;
  private readonly workerOnly: boolean;

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.expected = Buffer.from(config.adminToken);
    this.workerOnly = config.scheduler.mode === 'worker';
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()])) return true;
    // SCHEDULER_MODE=worker serves probes and metrics only; the admin API lives on the `api`/`all` replicas.
    if (this.workerOnly)
      throw new NotFoundException('this replica runs in SCHEDULER_MODE=worker and serves no admin API');
    const header = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const match = /^Bearer (\S+)$/.exec(header);
    const given = Buffer.from(match?.[1] ?? '');
    if (given.length === this.expected.length && timingSafeEqual(given, this.expected)) return true;
    throw new UnauthorizedException('a valid "Authorization: Bearer <ADMIN_TOKEN>" header is required');
  }
}
