var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Catch, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainError } from './errors.js';
const STATUS = {
    validation: HttpStatus.BAD_REQUEST,
    notFound: HttpStatus.NOT_FOUND,
    conflict: HttpStatus.CONFLICT,
    unavailable: HttpStatus.SERVICE_UNAVAILABLE,
    payloadTooLarge: HttpStatus.PAYLOAD_TOO_LARGE,
};
const REASON = {
    400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict',
    413: 'Payload Too Large', 500: 'Internal Server Error', 503: 'Service Unavailable',
};
/**
 * Every error answer has CONTRACT §2's shape `{statusCode, error, message: [...]}`. Domain errors
 * map by code; Nest's HttpExceptions keep their status; anything else is a 500 with a correlation
 * id, logged once (the answer carries no internals).
 */
let DomainErrorFilter = class DomainErrorFilter {
    logger = new Logger('Errors');
    catch(exception, host) {
        const res = host.switchToHttp().getResponse();
        const [status, messages] = this.describe(exception);
        if (res.headersSent)
            return;
        res.status(status).json({ statusCode: status, error: REASON[status] ?? 'Error', message: messages });
    }
    describe(exception) {
        if (exception instanceof DomainError)
            return [STATUS[exception.code], exception.messages];
        if (exception instanceof HttpException) {
            const body = exception.getResponse();
            const msg = typeof body === 'object' && body && 'message' in body ? body.message : exception.message;
            return [exception.getStatus(), Array.isArray(msg) ? msg.map(String) : [String(msg)]];
        }
        const id = randomUUID();
        this.logger.error(`unhandled error ${id}: ${exception?.stack ?? String(exception)}`);
        return [500, [`internal error (correlation id ${id})`]];
    }
};
DomainErrorFilter = __decorate([
    Catch()
], DomainErrorFilter);
export { DomainErrorFilter };
//# sourceMappingURL=domain-error.filter.js.map