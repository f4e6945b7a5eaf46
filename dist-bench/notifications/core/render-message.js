import Mustache from 'mustache';
/** A chat message is not a web page; and a runaway template must not make a huge notification. */
export const MAX_MESSAGE_CHARS = 4000;
const CACHE_LIMIT = 2000;
/** Up to 8 significant digits, no float noise: 28.700000000001 → 28.7, 27123.456789 → 27123.457. */
export function formatNumber(v) {
    if (!Number.isFinite(v) || Number.isInteger(v))
        return String(v);
    return String(Number(v.toPrecision(8)));
}
function text(value) {
    return typeof value === 'number' ? formatNumber(value) : String(value);
}
/**
 * Parsed templates are cached (each alert renders the same template at every trigger), but
 * bounded: 100,000 alerts may each have their own text. Cleared wholesale when full; re-parsing
 * is cheap.
 */
class BoundedCache {
    map = new Map();
    set(key, value) {
        if (this.map.size >= CACHE_LIMIT)
            this.map.clear();
        this.map.set(key, value);
    }
    get(key) {
        return this.map.get(key);
    }
    clear() {
        this.map.clear();
    }
}
/**
 * Mustache without HTML escaping (chat text: `<` and `&` stay as typed) and with numbers
 * formatted for people. `{{x}}`, `{{{x}}}` and `{{&x}}` all render the same. A private writer,
 * so the process-wide `Mustache.escape` and cache stay untouched for anyone else.
 */
class ChatWriter extends Mustache.Writer {
    constructor() {
        super();
        this.templateCache = new BoundedCache();
    }
    unescapedValue(token, context) {
        const value = context.lookup(token[1]);
        return value === null || value === undefined ? '' : text(value);
    }
}
/**
 * The view as bare data: objects without a prototype, so a template can only reach the view's
 * own values (`{{constructor}}` finds nothing to call), functions dropped.
 */
function bareData(value) {
    if (Array.isArray(value))
        return value.map(bareData);
    if (value === null || typeof value !== 'object')
        return typeof value === 'function' ? undefined : value;
    const out = Object.create(null);
    for (const [k, v] of Object.entries(value))
        out[k] = bareData(v);
    return out;
}
/**
 * Names of Object.prototype (`hasOwnProperty`, `constructor`, `__proto__`, …) are never looked up:
 * Mustache 4.2 caches lookups in a plain object, so `{{hasOwnProperty}}` would shadow the cache's
 * own method and break every later tag of the template.
 */
class SafeContext extends Mustache.Context {
    lookup(name) {
        if (name.split('.').some((part) => part in Object.prototype))
            return undefined;
        return super.lookup(name);
    }
    push(view) {
        return new SafeContext(view, this);
    }
}
const writer = new ChatWriter();
const CONFIG = { escape: text };
/**
 * Renders a user's `notify.message` against the trigger's view (`{{symbol}}`, `{{bar.close}}`,
 * `{{values.rsi_14}}`, …). Logic-less: a template can read the view, never run code. Missing
 * values render empty. A template that does not parse is sent as written rather than losing the
 * notification (validation at job creation should have caught it: see templateProblem).
 */
export function renderMessage(template, view) {
    let rendered;
    try {
        rendered = writer.render(template, new SafeContext(bareData(view)), {}, CONFIG);
    }
    catch {
        rendered = template;
    }
    return rendered.length > MAX_MESSAGE_CHARS ? `${rendered.slice(0, MAX_MESSAGE_CHARS - 1)}…` : rendered;
}
/** Why a template cannot be rendered (an unclosed section or tag), or null when it can. For validation. */
export function templateProblem(template) {
    try {
        writer.parse(template);
        return null;
    }
    catch (e) {
        return e.message;
    }
}
//# sourceMappingURL=render-message.js.map