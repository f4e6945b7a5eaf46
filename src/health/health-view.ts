import { redactText, stripEndpoints } from '../base/security/redact.js';
import type { ComponentHealth } from '../common/health-registry.js';

export interface HealthReport {
  status: 'healthy' | 'degraded' | 'unhealthy';
  issues: string[];
  checks: Record<string, ComponentHealth>;
}

/**
 * `GET /health` without the token (CONTRACT §8): the same shape, in the service's own words only.
 * Each check keeps its status and its issues (contributors write those in our words, e.g.
 * "provider binance down"; upstream answers, error texts and URLs live in `details`, which is
 * dropped here). As a last line of defence any URL or address left in an issue is cut out too.
 */
export function publicHealth(report: HealthReport): HealthReport {
  const clean = (issues: string[] | undefined) => (issues ?? []).map(stripEndpoints);
  return {
    status: report.status,
    issues: clean(report.issues),
    checks: Object.fromEntries(
      Object.entries(report.checks).map(([name, h]) => [
        name,
        h.issues?.length ? { status: h.status, issues: clean(h.issues) } : { status: h.status },
      ]),
    ),
  };
}

/** `GET /health` with the token: every detail, with URLs and known secrets still redacted. */
export function detailedHealth(report: HealthReport, secrets: readonly string[]): HealthReport {
  return redactDeep(report, secrets) as HealthReport;
}

function redactDeep(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, secrets));
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, secrets)]));
  return value;
}

/**
 * `name: issue`, unless the issue already starts with the component's name ("database unreachable",
 * "provider binance down", "notify endpoint failing"), where the prefix would only repeat it.
 */
export function issueLine(component: string, issue: string): string {
  const words = component.replace(/[:_-]+/g, ' ');
  return issue.startsWith(words) || issue.startsWith(component) ? issue : `${component}: ${issue}`;
}
