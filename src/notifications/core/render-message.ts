import Mustache from 'mustache';

/** A chat message is not a web page; and a runaway template must not make a huge notification. */
export const MAX_MESSAGE_CHARS = 4000;
const CACHE_LIMIT = 2000;

/** Up to 8 significant digits, no float noise: 28.700000000001 → 28.7, 27123.456789 → 27123.457. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v) || Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(8)));
}

function text(value: unknown): string {
  return typeof value === 'number' ? formatNumber(value) : String(value);
}

/**
 * Parsed templates are cached (each alert renders the same template at every trigger), but
 * bounded: 100,000 alerts may each have their own text. Cleared wholesale when full; re-parsing
 * is cheap.
 */
class BoundedCache {
  private readonly map = new Map<string, string>();
  set(key: string, value: string): void {
    if (this.map.size >= CACHE_LIMIT) this.map.clear();
    this.map.set(key, value);
  }
  get(key: string): string | undefined {
    return this.map.get(key);
  }
  clear(): void {
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
    (this as unknown as { templateCache: BoundedCache }).templateCache = new BoundedCache();
  }

  override unescapedValue(token: string[], context: Mustache.Context): string {
    const value: unknown = context.lookup(token[1]);
    return value === null || value === undefined ? '' : text(value);
  }
}

/**
 * The view as bare data: objects without a prototype, so a template can only reach the view's
 * own values (`{{constructor}}` finds nothing to call), functions dropped.
 */
function bareData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(bareData);
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? undefined : value;
  const out = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(value)) out[k] = bareData(v);
  return out;
}

/**
 * Names of Object.prototype (`hasOwnProperty`, `constructor`, `__proto__`, …) are never looked up:
 * Mustache 4.2 caches lookups in a plain object, so `{{hasOwnProperty}}` would shadow the cache's
 * own method and break every later tag of the template.
 */
class SafeContext extends Mustache.Context {
  override lookup(name: string): unknown {
    if (name.split('.').some((part) => part in Object.prototype)) return undefined;
    return super.lookup(name);
  }

  override push(view: unknown): Mustache.Context {
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
export function renderMessage(template: string, view: object): string {
  let rendered: string;
  try {
    rendered = writer.render(template, new SafeContext(bareData(view)), {}, CONFIG as never);
  } catch {
    rendered = template;
  }
  return rendered.length > MAX_MESSAGE_CHARS ? `${rendered.slice(0, MAX_MESSAGE_CHARS - 1)}…` : rendered;
}

const VARIABLE = /^(\.|[A-Za-z_][\w-]*(\.[\w-]+)*)$/;
type Token = [string, string, number, number, Token[]?];

/** The first tag whose name is not a variable path (`{{symbol} is {{bar.close}}` reads as one tag `symbol} is {{bar.close`). */
function badTag(tokens: Token[], roots: readonly string[] | undefined): string | null {
  for (const [type, value, start, , children] of tokens) {
    if (!['name', '&', '{', '#', '^'].includes(type)) continue;
    const name = value.trim();
    if (!VARIABLE.test(name))
      return `"{{${value}}}" at ${start} is not a variable name (write {{name}} or {{bar.close}})`;
    const root = name.split('.')[0];
    if (roots && name !== '.' && !roots.includes(root))
      return `{{${name}}} at ${start} is not a variable; the variables are ${roots.join(', ')}`;
    // Inside a `{{#section}}` names resolve against the section's item first: roots are not checked there.
    const inner = children ? badTag(children, type === '#' ? undefined : roots) : null;
    if (inner) return inner;
  }
  return null;
}

/**
 * Why a template cannot be rendered as meant (an unclosed section or tag, a tag that is not a
 * variable name, a variable the view does not have when `roots` is given), or null when it can.
 * For validation: renderMessage itself never fails.
 */
export function templateProblem(template: string, roots?: readonly string[]): string | null {
  try {
    return badTag(writer.parse(template) as unknown as Token[], roots);
  } catch (e) {
    return (e as Error).message;
  }
}
