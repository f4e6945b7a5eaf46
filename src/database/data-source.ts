import 'reflect-metadata';
import { fileURLToPath } from 'node:url';
import { DataSource } from 'typeorm';
import { configFromEnvironment } from '../config/app-config.js';
import { dataSourceOptions } from './data-source-options.js';

/**
 * The TypeORM CLI's data source (`npm run migration:run`). It needs a real server: with the
 * embedded default the service migrates itself at boot.
 */
const config = configFromEnvironment();
if (!config.databaseUrl) throw new Error('DATABASE_URL is required for the TypeORM CLI');
// Every module's `*.entity.js` beside this compiled file's folder (dist/): the features register
// their own entities, and this folder imports none of them.
const entities = [fileURLToPath(new URL('../**/*.entity.js', import.meta.url))];
export default new DataSource(dataSourceOptions(config.databaseUrl, { embedded: false, entities }));
