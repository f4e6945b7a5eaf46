/**
 * The API client: every call carries the admin token the user entered once, kept in this tab's
 * sessionStorage (CONTRACT §8: the page is public, its data is not). A 401 forgets the token.
 */
const TOKEN_KEY = 'market-scheduler.admin-token';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly messages: string[],
  ) {
    super(messages.join('; '));
  }
}

export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  save: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  forget: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** Called when the API answers 401: the router shows the login page. */
let onUnauthorized: () => void = () => undefined;
export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

export async function api<T>(method: string, path: string, body?: unknown, token = session.token()): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    /* a non-JSON answer: reported below by status */
  }
  if (!res.ok) {
    const message = (json as { message?: unknown } | undefined)?.message;
    const messages = Array.isArray(message) ? message.map(String) : [typeof message === 'string' ? message : text];
    if (res.status === 401 && token === session.token()) {
      session.forget();
      onUnauthorized();
    }
    throw new ApiError(res.status, messages.length ? messages : [`HTTP ${res.status}`]);
  }
  return json as T;
}

/** A query string from the defined values. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
