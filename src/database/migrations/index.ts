import { InitialSchema1767225600000 } from './1767225600000-initial-schema.js';

/** Every migration, in order. Loaded by class reference (no glob), so the build and Jest agree. */
export const MIGRATIONS = [InitialSchema1767225600000];
