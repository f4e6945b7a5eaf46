var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Injectable } from '@nestjs/common';
/**
 * In-process notice of job changes made through the API, so this replica's scheduler applies
 * them at once; other replicas see the version bump through the store (SchedulerSync).
 */
let JobChangeBus = class JobChangeBus {
    listeners = new Set();
    subscribe(listener) {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }
    /** Resolves once every listener applied the change: the API answers only after the schedule is in effect. */
    async publish(change) {
        await Promise.all([...this.listeners].map((l) => l(change)));
    }
};
JobChangeBus = __decorate([
    Injectable()
], JobChangeBus);
export { JobChangeBus };
//# sourceMappingURL=job-events.js.map