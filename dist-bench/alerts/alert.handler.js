var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Injectable } from '@nestjs/common';
import { JobTypeRegistry } from '../jobs/job-types/job-type.registry.js';
import { AlertEngine } from './alert-engine.service.js';
import { initialAlertState, normalizeAlertConfig, validateAlertConfig } from './core/index.js';
import { indicatorSpec } from './indicator-adapter.js';
/** The provider has not published the closed bar yet: the run's retries ask again shortly (CONTRACT §4 bar-close timing). */
export class BarNotClosedYet extends Error {
}
/** `alert` jobs (CONTRACT §4): validated with field paths, evaluated by the AlertEngine once per closed bar. */
let AlertHandler = class AlertHandler {
    registry;
    engine;
    type = 'alert';
    constructor(registry, engine) {
        this.registry = registry;
        this.engine = engine;
    }
    onModuleInit() {
        this.registry.register(this);
    }
    validate(section) {
        if (section === undefined)
            return ['alert is required for a job of type alert'];
        return validateAlertConfig(section, indicatorSpec, 'alert');
    }
    normalize(section) {
        return normalizeAlertConfig(section);
    }
    /** A new or edited alert starts armed, revision 0 (the revision guards concurrent state writes). */
    initialState() {
        return { ...initialAlertState(), rev: 0 };
    }
    async run(ctx) {
        const outcome = (await this.engine.process([ctx.job], ctx.scheduledFor)).get(ctx.job.id);
        if (outcome.outcome === 'notClosedYet') {
            throw new BarNotClosedYet(`${outcome.provider} has not closed the bar ${outcome.expected} yet (latest ${outcome.latestBar})`);
        }
        return outcome;
    }
};
AlertHandler = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [JobTypeRegistry, AlertEngine])
], AlertHandler);
export { AlertHandler };
//# sourceMappingURL=alert.handler.js.map