/**
 * Alert events: every state transition with its bar and operand values. The unique key
 * (job, bar, type) is one of the guards that make a bar transition an alert at most once.
 */
export class Alerts1767225600003 {
    name = 'Alerts1767225600003';
    async up(q) {
        await q.query(`
      CREATE TABLE alert_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        job_id uuid NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
        at timestamptz(3) NOT NULL,
        bar_time timestamptz(3) NOT NULL,
        type varchar(16) NOT NULL,
        from_status varchar(16),
        to_status varchar(16),
        "values" jsonb NOT NULL DEFAULT '{}'::jsonb,
        CONSTRAINT alert_events_job_bar_type_unique UNIQUE (job_id, bar_time, type)
      )`);
        await q.query(`CREATE INDEX alert_events_job_at_idx ON alert_events (job_id, at DESC, id DESC)`);
    }
    async down(q) {
        await q.query(`DROP TABLE alert_events`);
    }
}
//# sourceMappingURL=1767225600003-alerts.js.map