import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { setupApp } from './app.setup.js';
import { withStoredAdminToken } from './config/admin-token-file.js';
import { ConfigError, configFromEnvironment, type AppConfig } from './config/app-config.js';
import { AppLogger } from './logging/app-logger.js';
import { bootLines } from './logging/boot-lines.js';

async function bootstrap(): Promise<void> {
  let config: AppConfig;
  try {
    config = withStoredAdminToken(configFromEnvironment());
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
  const app = await NestFactory.create(AppModule.forRoot(config), { bodyParser: false, bufferLogs: true });
  app.useLogger(app.get(AppLogger));
  setupApp(app);
  await app.listen(config.port);
  const log = new Logger('Bootstrap');
  for (const line of bootLines(config)) log.log(line);
}

void bootstrap();
