import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ValidationFailed } from './errors.js';
/** `jobs[3].retry.maxAttempts` from class-validator's nested error tree. */
function joinPath(parent, property) {
    if (/^\d+$/.test(property))
        return `${parent}[${property}]`;
    return parent ? `${parent}.${property}` : property;
}
/**
 * Flattens class-validator errors into messages that start with the full field path, e.g.
 * `retry.maxAttempts must not be less than 1` (class-validator itself only names the last property).
 */
export function flattenValidationErrors(errors, parent = '') {
    return errors.flatMap((e) => {
        const path = joinPath(parent, e.property);
        const own = Object.values(e.constraints ?? {}).map((m) => {
            if (m.startsWith('property '))
                return m.replace(/^property (\S+)/, `${path ? `${path}.` : ''}$1`); // whitelist errors
            if (m.startsWith(`${e.property} `))
                return `${path}${m.slice(e.property.length)}`;
            if (m.startsWith(`${e.property}: `) || m.startsWith(`${path}`))
                return m;
            return `${path} ${m}`;
        });
        return [...own, ...flattenValidationErrors(e.children ?? [], path)];
    });
}
export const VALIDATION_OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true };
/** The global pipe: unknown fields rejected, messages with full field paths, always an array. */
export function createValidationPipe() {
    return new ValidationPipe({
        ...VALIDATION_OPTIONS,
        transform: true,
        exceptionFactory: (errors) => new BadRequestException(flattenValidationErrors(errors)),
    });
}
/** Validates a plain object into a DTO outside the pipe (merged PATCH bodies, bulk items, files). */
export function validateInto(cls, plain, pathPrefix = '') {
    if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
        throw new ValidationFailed([`${pathPrefix || 'body'} must be a JSON object`]);
    }
    const dto = plainToInstance(cls, plain);
    const problems = flattenValidationErrors(validateSync(dto, VALIDATION_OPTIONS), pathPrefix);
    if (problems.length)
        throw new ValidationFailed(problems);
    return dto;
}
//# sourceMappingURL=validation.js.map