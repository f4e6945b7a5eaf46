import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * What a receiver does to check a delivery (the README's example, in TypeScript): recompute the
 * HMAC over "<X-Timestamp>.<raw body>" with the shared secret and compare in constant time.
 * Written from the documented wire format, not from our signing code, so a test that uses it
 * fails if the two ever disagree.
 */
export function verifySignature(secret: string, headers: IncomingHttpHeaders, rawBody: string): boolean {
  const timestamp = headers['x-timestamp'];
  const signature = headers['x-signature-256'];
  if (typeof timestamp !== 'string' || !/^\d+$/.test(timestamp) || typeof signature !== 'string') return false;
  const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
  return signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
}
