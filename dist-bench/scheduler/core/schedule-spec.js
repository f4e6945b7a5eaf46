export const SCHEDULE_KINDS = ['bar', 'cron', 'every', 'at'];
export const CALENDARS = ['XNYS', 'XNAS', '24x7'];
export const DEFAULT_DELAY_SECONDS = 2;
export const MAX_DELAY_SECONDS = 300;
export const MAX_JITTER_SECONDS = 3600;
/** The calendar marketHoursOnly uses when the spec names none. */
export const DEFAULT_MARKET_CALENDAR = 'XNYS';
/** The exchange whose sessions filter or shape this schedule, or null for none (24x7 / unset). */
export function exchangeOf(spec) {
    if (spec.calendar === 'XNYS' || spec.calendar === 'XNAS')
        return spec.calendar;
    if (spec.calendar === undefined && spec.marketHoursOnly === true)
        return DEFAULT_MARKET_CALENDAR;
    return null;
}
/** The `every` anchor CONTRACT §3 implies: startAt when given, else when the job was created. */
export function everyAnchor(spec, createdAtMs) {
    return spec.startAt !== undefined ? Date.parse(spec.startAt) : createdAtMs;
}
//# sourceMappingURL=schedule-spec.js.map