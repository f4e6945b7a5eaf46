/**
 * Domain errors carry a code; one exception filter maps codes to HTTP statuses (services never
 * throw HttpException). `messages` are human readable and name the field path where there is one.
 */
export type ErrorCode = 'validation' | 'notFound' | 'conflict' | 'unavailable' | 'payloadTooLarge';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly messages: string[],
  ) {
    super(messages.join('; '));
  }
}

export class ValidationFailed extends DomainError {
  constructor(messages: string[]) {
    super('validation', messages);
  }
}

export class NotFound extends DomainError {
  constructor(what: string) {
    super('notFound', [`${what} not found`]);
  }
}

export class Conflict extends DomainError {
  constructor(message: string) {
    super('conflict', [message]);
  }
}

export class Unavailable extends DomainError {
  constructor(message: string) {
    super('unavailable', [message]);
  }
}
