import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { setupApp } from './app.setup.js';
import { RedactingLogger } from './common/redacting-logger.js';
import { ConfigError, configFromEnvironment, configSecrets, type AppConfig } from './config/app-config.js';

const LEVELS = {
  debug: ['error', 'warn', 'log', 'debug'],
  info: ['error', 'warn', 'log'],
  warn: ['error', 'warn'],
  error: ['error'],
} as const;

async function bootstrap(): Promise<void> {
  let config: AppConfig;
  try {
    config = configFromEnvironment();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
  const app = await NestFactory.create(AppModule.forRoot(config), {
    bodyParser: false,
    logger: new RedactingLogger(configSecrets(config), { logLevels: [...LEVELS[config.logLevel]] }),
  });
  setupApp(app);
  await app.listen(config.port);
  const log = new Logger('Bootstrap');
  log.log(
    `market-scheduler listening on :${config.port} (mode ${config.scheduler.mode}, ${config.databaseUrl ? 'PostgreSQL' : 'embedded PGlite'})`,
  );
  if (config.adminTokenGenerated) {
    // Printed once, to stdout only, so an operator of a fresh install can call the admin API.
    process.stdout.write(`\nADMIN_TOKEN was not set; generated for this run: ${config.adminToken}\n\n`);
  }
}

void bootstrap();
