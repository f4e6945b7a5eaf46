export function barToJson(bar) {
    return {
        openTime: new Date(bar.openTime).toISOString(),
        closeTime: new Date(bar.closeTime).toISOString(),
        open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume,
    };
}
//# sourceMappingURL=bar.js.map