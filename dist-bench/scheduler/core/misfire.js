export function planMisfire(config, missed, nowMs) {
    if (config.policy === 'skip')
        return [];
    const oldest = nowMs - config.graceSeconds * 1000;
    // Sorted and de-duplicated defensively: the run identity is (job, scheduledFor).
    const inGrace = [...new Set(missed)].filter((t) => t >= oldest && t <= nowMs).sort((a, b) => a - b);
    if (config.policy === 'runOnce')
        return inGrace.length > 0 ? [inGrace[inGrace.length - 1]] : [];
    return inGrace;
}
//# sourceMappingURL=misfire.js.map