import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { configFromEnvironment } from '../config/app-config.js';
import { dataSourceOptions } from './data-source-options.js';

/**
 * The TypeORM CLI's data source (`npm run migration:run`). It needs a real server: with the
 * embedded default the service migrates itself at boot.
 */
const config = configFromEnvironment();
if (!config.databaseUrl) throw new Error('DATABASE_URL is required for the TypeORM CLI');
export default new DataSource(dataSourceOptions(config.databaseUrl, { embedded: false }));
