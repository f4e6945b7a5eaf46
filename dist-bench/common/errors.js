export class DomainError extends Error {
    code;
    messages;
    constructor(code, messages) {
        super(messages.join('; '));
        this.code = code;
        this.messages = messages;
    }
}
export class ValidationFailed extends DomainError {
    constructor(messages) {
        super('validation', messages);
    }
}
export class NotFound extends DomainError {
    constructor(what) {
        super('notFound', [`${what} not found`]);
    }
}
export class Conflict extends DomainError {
    constructor(message) {
        super('conflict', [message]);
    }
}
export class Unavailable extends DomainError {
    constructor(message) {
        super('unavailable', [message]);
    }
}
//# sourceMappingURL=errors.js.map