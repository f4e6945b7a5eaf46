/** A new or resumed alert starts armed, so a level rule already true at its first bar fires. */
export function initialAlertState() {
    return { status: 'armed', triggerCount: 0, consecutiveTrue: 0 };
}
/**
 * One pure step of the alert state machine (CONTRACT §4, §4a): at most one trigger-or-rearm per bar,
 * idempotent by bar openTime, so a retry, catch-up or second replica stepping the same bar from the
 * same stored state gets the same answer and no second transition.
 */
export function stepAlert(state, input) {
    if (state.status === 'expired' || state.status === 'done')
        return quiet(state);
    if (expiryReached(state, input))
        return expire(state, input);
    if (!input.barClosed && input.config.trigger !== 'oncePerBar')
        return quiet(state);
    if (state.lastEvaluatedBarOpen !== undefined && input.barOpenTime <= state.lastEvaluatedBarOpen)
        return quiet(state);
    return input.barClosed ? stepClosed(state, input) : stepForming(state, input);
}
function quiet(state) {
    return { state, events: [], notify: false };
}
/** maxTriggers is checked here too, so lowering it on a live alert expires it at the next bar. */
function expiryReached(state, input) {
    const { expiresAt, maxTriggers } = input.config;
    if (expiresAt !== null && expiresAt !== undefined && input.nowMs >= Date.parse(expiresAt))
        return true;
    return maxTriggers !== null && maxTriggers !== undefined && state.triggerCount >= maxTriggers;
}
function event(type, from, to, input) {
    const values = type === 'rearmed' ? { ...input.rule.values, ...input.rearm?.values } : { ...input.rule.values };
    return { type, from, to, barTime: input.barOpenTime, values };
}
function expire(state, input) {
    return { state: { ...state, status: 'expired' }, events: [event('expired', state.status, 'expired', input)], notify: false };
}
function stepClosed(state, input) {
    const consecutiveTrue = input.rule.result ? state.consecutiveTrue + 1 : 0;
    const next = { ...state, consecutiveTrue, lastEvaluatedBarOpen: input.barOpenTime };
    // The forming bar already triggered: its close may neither trigger again nor rearm (one transition per bar).
    if (state.lastTriggeredBarOpen === input.barOpenTime)
        return quiet(next);
    if (state.status === 'armed') {
        return input.rule.result && consecutiveTrue >= input.config.persistenceBars ? trigger(next, input) : quiet(next);
    }
    if (!rearmReady(state, input))
        return quiet(next);
    return { state: { ...next, status: 'armed' }, events: [event('rearmed', 'triggered', 'armed', input)], notify: false };
}
/** oncePerBar: the forming bar completes the persistence run of the closed bars before it. */
function stepForming(state, input) {
    if (state.status !== 'armed' || state.lastTriggeredBarOpen === input.barOpenTime)
        return quiet(state);
    const fires = input.rule.result && state.consecutiveTrue + 1 >= input.config.persistenceBars;
    return fires ? trigger(state, input) : quiet(state);
}
/** Rearm condition and cooldown hold on the same closed bar; cooldown is measured between bar closes. */
function rearmReady(state, input) {
    const condition = input.config.rearm?.when !== undefined ? input.rearm?.result === true : !input.rule.result;
    const cooldownMs = (input.config.rearm?.cooldownSeconds ?? 0) * 1000;
    const elapsed = input.barCloseTime - (state.lastTriggeredCloseTime ?? Number.NEGATIVE_INFINITY);
    return condition && elapsed >= cooldownMs;
}
function trigger(state, input) {
    const triggered = {
        ...state,
        status: 'triggered',
        triggerCount: state.triggerCount + 1,
        lastTriggeredBarOpen: input.barOpenTime,
        lastTriggeredCloseTime: input.barCloseTime,
    };
    const events = [event('triggered', 'armed', 'triggered', input)];
    const { trigger: mode, maxTriggers } = input.config;
    let status = 'triggered';
    if (mode === 'once')
        status = 'done';
    else if (maxTriggers !== null && maxTriggers !== undefined && triggered.triggerCount >= maxTriggers)
        status = 'expired';
    if (status !== 'triggered')
        events.push(event(status, 'triggered', status, input));
    return { state: { ...triggered, status }, events, notify: true };
}
//# sourceMappingURL=alert-state.js.map