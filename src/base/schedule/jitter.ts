/**
 * Deterministic jitter: every replica computes the same delay for the same (job, nominal time),
 * so spreading load never changes which replica-independent instant a run is due at. The nominal
 * time stays the run's identity; jitter only delays execution.
 *
 * Returns an integer in [0, jitterSeconds × 1000). The hash is cyrb53 (two multiplicative 32-bit
 * lanes mixed into 53 bits), which is fast, dependency-free and spreads adjacent inputs well.
 */
export function jitterOffsetMs(jobId: string, scheduledForMs: number, jitterSeconds: number): number {
  const range = Math.floor(jitterSeconds * 1000);
  if (!(range > 0)) return 0;
  return hash53(`${jobId}@${scheduledForMs}`) % range;
}

function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
