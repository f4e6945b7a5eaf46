/** The TypeORM CLI entry point at the top level; the definition lives in src/database. */
export { default } from './src/database/data-source.js';
