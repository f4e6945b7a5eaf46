/**
 * Wall-clock times of a named zone → epoch ms, with only `Intl` (no tz library in the lockfile).
 * Alpha Vantage stamps intraday bars in "US/Eastern" local time.
 */
const formatters = new Map();
function formatter(timeZone) {
    let f = formatters.get(timeZone);
    if (!f) {
        f = new Intl.DateTimeFormat('en-US', {
            timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
            hour: '2-digit', minute: '2-digit', second: '2-digit',
        });
        formatters.set(timeZone, f);
    }
    return f;
}
/** Offset of `timeZone` from UTC at the instant `utcMs`, in ms (New York in winter: −5 h). */
export function zoneOffsetMs(utcMs, timeZone) {
    const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(utcMs)).map((p) => [p.type, p.value]));
    const asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
    return asUtc - Math.floor(utcMs / 1000) * 1000;
}
/**
 * "2024-01-05 19:55:00" in `timeZone` → epoch ms; NaN if unparseable. The offset is looked up
 * twice because the first guess can sit on the other side of a DST switch.
 */
export function zonedLocalToUtc(local, timeZone) {
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(local.trim());
    if (!m)
        return Number.NaN;
    const naive = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
    const guess = naive - zoneOffsetMs(naive, timeZone);
    return naive - zoneOffsetMs(guess, timeZone);
}
//# sourceMappingURL=zoned-time.js.map