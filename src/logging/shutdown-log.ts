import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';

/** The one line an operator sees when the service has stopped (after the drain and the database). */
@Injectable()
export class ShutdownLog implements OnApplicationShutdown {
  private readonly logger = new Logger('Shutdown');

  onApplicationShutdown(signal?: string): void {
    const uptime = Math.round(process.uptime());
    this.logger.log(`stopped${signal ? ` on ${signal}` : ''} after ${uptime} s up`);
  }
}
