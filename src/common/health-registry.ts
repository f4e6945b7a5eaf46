import { Injectable } from '@nestjs/common';

export type ComponentStatus = 'up' | 'degraded' | 'down';

export interface ComponentHealth {
  status: ComponentStatus;
  /** Human-readable problems, shown in `GET /health` `issues`. */
  issues?: string[];
  details?: Record<string, unknown>;
}

/** A part of the service that reports its health (database, scheduler, each provider, notify endpoint). */
export interface HealthContributor {
  name: string;
  /** `down` makes the service unhealthy (503); `degraded` keeps it serving (200) but says why. */
  check(): Promise<ComponentHealth>;
}

@Injectable()
export class HealthRegistry {
  private readonly contributors: HealthContributor[] = [];

  register(contributor: HealthContributor): void {
    this.contributors.push(contributor);
  }

  all(): readonly HealthContributor[] {
    return this.contributors;
  }
}
