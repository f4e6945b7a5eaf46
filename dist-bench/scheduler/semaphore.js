/** Counts free worker slots (SCHEDULER_MAX_WORKERS) and wakes waiters in order. */
export class Semaphore {
    free;
    waiters = [];
    constructor(free) {
        this.free = free;
    }
    get available() {
        return this.free;
    }
    tryAcquire() {
        if (this.free === 0)
            return false;
        this.free -= 1;
        return true;
    }
    acquire() {
        if (this.tryAcquire())
            return Promise.resolve();
        return new Promise((resolve) => this.waiters.push(resolve));
    }
    release() {
        const next = this.waiters.shift();
        if (next)
            next();
        else
            this.free += 1;
    }
}
//# sourceMappingURL=semaphore.js.map