/** A tiny hyperscript: enough for tables and forms, with no framework and no inline styles. */
export type Child = Node | string | number | null | undefined | false | Child[];
type Handler = (ev: Event) => void;
export type Attrs = Record<string, string | number | boolean | Handler | undefined | null>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, '').toLowerCase(), value);
    else if (name === 'value' && 'value' in el) (el as HTMLInputElement).value = String(value);
    else if (name === 'checked' && el instanceof HTMLInputElement) el.checked = Boolean(value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of `parent`. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** `2026-03-02 14:00:05Z` from an ISO time (the service's times are UTC). */
export function time(iso: string | null | undefined): string {
  if (!iso) return '—';
  return iso.replace('T', ' ').replace(/\.000Z$/, 'Z');
}

/** A duration in ms as `850 ms`, `12.3 s` or `4 min 05 s`. */
export function duration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

export function badge(text: string, kind = text): HTMLSpanElement {
  return h('span', { class: `badge badge-${kind}` }, text);
}

/** A table from a header row and body rows; `empty` is shown in place of no rows. */
export function table(
  testid: string,
  head: string[],
  rows: Child[][],
  empty = 'Nothing here.',
  rowAttrs: (i: number) => Attrs = () => ({}),
): HTMLElement {
  if (rows.length === 0) return h('p', { class: 'empty', 'data-testid': `${testid}-empty` }, empty);
  return h(
    'table',
    { 'data-testid': testid },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        head.map((c) => h('th', null, c)),
      ),
    ),
    h(
      'tbody',
      null,
      rows.map((r, i) =>
        h(
          'tr',
          rowAttrs(i),
          r.map((c) => h('td', null, c)),
        ),
      ),
    ),
  );
}

/** Error messages of a failed call, as the API words them. */
export function errorBox(e: unknown, testid = 'error'): HTMLElement {
  const messages = (e as { messages?: string[] }).messages ?? [String((e as Error).message ?? e)];
  return h(
    'div',
    { class: 'error', 'data-testid': testid, role: 'alert' },
    h(
      'ul',
      null,
      messages.map((m) => h('li', null, m)),
    ),
  );
}

/** Asks in the page's own dialog (no window.confirm: it can be styled and tested the same way). */
export function confirmDialog(text: string): Promise<boolean> {
  const dialog = document.getElementById('confirm') as HTMLDialogElement;
  (document.getElementById('confirm-text') as HTMLElement).textContent = text;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) =>
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true }),
  );
}

export function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
