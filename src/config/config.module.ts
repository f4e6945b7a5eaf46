import { Global, Module, type DynamicModule } from '@nestjs/common';
import { withStoredAdminToken } from './admin-token-file.js';
import { configFromEnvironment, type AppConfig } from './app-config.js';

/** Injection token of the validated AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');

@Global()
@Module({})
export class ConfigModule {
  /** `config` is given by tests; the service itself validates process.env, here and nowhere else. */
  static forRoot(config?: AppConfig): DynamicModule {
    const value = config ?? withStoredAdminToken(configFromEnvironment());
    return { module: ConfigModule, providers: [{ provide: APP_CONFIG, useValue: value }], exports: [APP_CONFIG] };
  }
}
