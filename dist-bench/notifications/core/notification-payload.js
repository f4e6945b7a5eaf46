/** `<jobId>:<bar openTime ISO>`: the unique key that makes each (job, bar) notify at most once. */
export function notificationKey(jobId, barOpenTime) {
    return `${jobId}:${new Date(barOpenTime).toISOString()}`;
}
export function toPayload(input, id) {
    return { ...input, id, idempotencyKey: notificationKey(input.jobId, input.bar.openTime), type: 'alert.triggered' };
}
const ORDER = [
    'id', 'idempotencyKey', 'type', 'jobId', 'jobName', 'symbol', 'timeframe', 'provider', 'bar', 'values',
    'message', 'channels', 'recipient', 'priority', 'triggeredAt',
];
const BAR_ORDER = ['openTime', 'closeTime', 'open', 'high', 'low', 'close', 'volume'];
/** `source` with the keys named in `order` first, in that order; any others after them. */
function ordered(source, order) {
    const out = {};
    for (const key of order)
        if (key in source)
            out[key] = source[key];
    for (const key of Object.keys(source))
        if (!(key in out))
            out[key] = source[key];
    return out;
}
/**
 * The JSON text sent on the wire, keys in the contract's order. The outbox stores the body as
 * jsonb, which keeps keys in its own order; a receiver must not care, but a human reading a
 * request log should see the documented shape.
 */
export function wireBody(stored) {
    const body = ordered(stored, ORDER);
    if (body.bar && typeof body.bar === 'object')
        body.bar = ordered(body.bar, BAR_ORDER);
    return JSON.stringify(body);
}
//# sourceMappingURL=notification-payload.js.map