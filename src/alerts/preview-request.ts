import { ALERT_FIELDS } from './core/index.js';

export const MAX_PREVIEW_BARS = 5000;
const PREVIEW_FIELDS = ['alert', 'bars', 'from', 'to'];
export const PREVIEW_SHAPE =
  `the body is {"alert": {<alert config: symbol, timeframe, rule, …>}, "bars"?: 1…${MAX_PREVIEW_BARS}, ` +
  `"from"?: ISO time, "to"?: ISO time} (see /docs)`;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The envelope of `POST /alerts/preview`, checked before the alert inside it, so a user who posts
 * a bare alert config (or anything else) is told which shape is wanted instead of only
 * "alert must be an object".
 */
export function previewEnvelopeProblems(body: unknown): string[] {
  if (!isObject(body)) return [`body must be a JSON object: ${PREVIEW_SHAPE}`];
  const unknown = Object.keys(body).filter((k) => !PREVIEW_FIELDS.includes(k));
  if (body.alert === undefined) {
    const bare = unknown.some((k) => (ALERT_FIELDS as readonly string[]).includes(k));
    return [
      bare
        ? `alert is required: put the alert config under "alert" (got ${unknown.join(', ')} at the top level); ${PREVIEW_SHAPE}`
        : `alert is required; ${PREVIEW_SHAPE}`,
    ];
  }
  const problems = unknown.map((k) => `${k} is not allowed; ${PREVIEW_SHAPE}`);
  if (!isObject(body.alert)) problems.push(`alert must be an object (an alert config); ${PREVIEW_SHAPE}`);
  return problems;
}
