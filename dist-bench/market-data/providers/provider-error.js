export class ProviderError extends Error {
    code;
    provider;
    retryAfterMs;
    status;
    constructor(code, provider, message, options = {}) {
        // Scrubbed here, once, so no call site can leak a key into logs by forgetting to.
        super(`${provider}: ${redactSecrets(message, options.secrets)}`);
        this.code = code;
        this.provider = provider;
        this.name = 'ProviderError';
        this.retryAfterMs = options.retryAfterMs;
        this.status = options.status;
    }
    /** Alias of `code`, the word the rest of the service uses for error categories. */
    get kind() {
        return this.code;
    }
    /** Whether the same call may succeed if simply repeated later. */
    get retryable() {
        return this.code === 'transient' || this.code === 'rateLimited';
    }
}
export function isProviderError(err, code) {
    return err instanceof ProviderError && (code === undefined || err.code === code);
}
const SECRET_PARAM = /([?&;](?:token|apikey|api_key|apiKey|access_key|key)=)[^&#\s"']*/gi;
/** Replaces api keys in url query strings (`token=`, `apiKey=`, `apikey=` …) and any listed secret. */
export function redactSecrets(text, secrets = []) {
    let out = text.replace(SECRET_PARAM, '$1***');
    for (const secret of secrets) {
        if (secret)
            out = out.split(secret).join('***');
    }
    return out;
}
//# sourceMappingURL=provider-error.js.map