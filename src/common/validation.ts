import { BadRequestException, ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';

/** `jobs[3].retry.maxAttempts` from class-validator's nested error tree. */
function joinPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}

/**
 * Flattens class-validator errors into messages that start with the full field path, e.g.
 * `retry.maxAttempts must not be less than 1` (class-validator itself only names the last property).
 */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((e) => {
    const path = joinPath(parent, e.property);
    const own = Object.values(e.constraints ?? {}).map((m) => {
      if (m.startsWith('property ')) return m.replace(/^property (\S+)/, `${path ? `${path}.` : ''}$1`); // whitelist errors
      if (m.startsWith(`${e.property} `)) return `${path}${m.slice(e.property.length)}`;
      if (m.startsWith(`${e.property}: `) || m.startsWith(`${path}`)) return m;
      return `${path} ${m}`;
    });
    return [...own, ...flattenValidationErrors(e.children ?? [], path)];
  });
}

export const VALIDATION_OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

/** The global pipe: unknown fields rejected, messages with full field paths, always an array. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    ...VALIDATION_OPTIONS,
    transform: true,
    exceptionFactory: (errors) => new BadRequestException(flattenValidationErrors(errors)),
  });
}
