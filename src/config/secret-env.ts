/**
 * Secrets that `http` jobs reference as `${env:NAME}` (CONTRACT §8). They are read from the process
 * environment when a job is validated or runs, never stored, logged or shown; this is the one
 * reader, so nothing outside src/config/ touches process.env.
 */
export type SecretEnv = (name: string) => string | undefined;

export const processSecretEnv: SecretEnv = (name) => {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
};
