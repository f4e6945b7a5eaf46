import { createHmac } from 'node:crypto';

/**
 * The headers that let a receiver check that a delivery came from this service (CONTRACT §8):
 * `X-Signature-256: sha256=<hex HMAC-SHA256 of "<X-Timestamp>.<raw body>">`. The same timestamp and
 * body give the same headers, so every retry of one delivery carries identical ones.
 */
export function signatureHeaders(
  secret: string,
  timestampSeconds: number,
  rawBody: string,
): { 'X-Timestamp': string; 'X-Signature-256': string } {
  const timestamp = String(timestampSeconds);
  const mac = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
  return { 'X-Timestamp': timestamp, 'X-Signature-256': `sha256=${mac}` };
}
