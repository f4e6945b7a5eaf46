/**
 * The static half of a job type: what the API, ALERTS_DIR and the offline `market-scheduler
 * validate` check and store, with no Nest and no I/O. Its running half is a JobRunner
 * (jobs/job-types/job-handler.ts); the table in jobs/job-types/job-types.ts lists the definitions.
 */
export interface JobTypeDefinition<T extends string = string> {
  /** The `type` of a job body; the body's section of the same name holds the type's settings. */
  readonly type: T;
  /**
   * Problems in the type's section (undefined when the body has none), each starting with its
   * path (`cleanup.runsOlderThanDays must …`). `job` is the whole body, for checks across fields
   * (an alert's timeframe against its schedule).
   */
  validate(section: unknown, job?: { schedule?: unknown }): string[];
  /** The section as stored, defaults filled in. Only called on a section `validate` accepted. */
  normalize(section: unknown): Record<string, unknown>;
  /** What the job's `job_states` cursor is called in its state, as the API shows it (an alert: `lastEvaluatedBarOpen`). */
  readonly cursorField?: string;
}

/** Keeps the literal type name, so the table's names form the JobType union. */
export function defineJobType<const T extends string>(definition: JobTypeDefinition<T>): JobTypeDefinition<T> {
  return definition;
}
