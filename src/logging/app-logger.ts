import { Injectable } from '@nestjs/common';
import { Logger } from 'nestjs-pino';

/** Nest's boot chatter (one line per module and route): useful when debugging, noise otherwise. */
const BANNER_CONTEXTS = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);

/** nestjs-pino's Nest logger, with Nest's module and route banners moved down to `debug`. */
@Injectable()
export class AppLogger extends Logger {
  override log(message: unknown, ...params: unknown[]): void {
    const context = params.at(-1);
    if (typeof context === 'string' && BANNER_CONTEXTS.has(context)) return super.debug(message, ...params);
    super.log(message, ...params);
  }
}
