import { Global, Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { configSecrets, type AppConfig } from '../config/app-config.js';
import { AppLogger } from './app-logger.js';
import { LogContext } from './log-context.js';
import { loggerParams } from './logging.options.js';
import { ShutdownLog } from './shutdown-log.js';

/** Logs (nestjs-pino): the Nest logger, HTTP request logs with `reqId`, run logs with `jobId`/`runId`. */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRoot(loggerParams(config, configSecrets(config)))],
      providers: [AppLogger, LogContext, ShutdownLog],
      exports: [AppLogger, LogContext],
    };
  }
}
