import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { MIGRATIONS } from '../../src/database/migrations/index.js';
import { freshDatabase, SERVER_URL, type TestDatabase } from '../support/database.js';

const onServer = SERVER_URL ? describe : describe.skip;

/** An alert stepped by the version before job_states kept its revision and cursor inside jobs.state. */
onServer('migration JobStates1767225600004: alert state moves from jobs.state to job_states, and back', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('keeps every stepped alert where it was: revision, last bar stepped and state', async () => {
    const before = new DataSource({
      ...dataSourceOptions(db.url!, { embedded: false }),
      migrations: MIGRATIONS.slice(0, 4),
    });
    await before.initialize();
    await before.runMigrations();
    const legacy = {
      status: 'triggered',
      triggerCount: 2,
      consecutiveTrue: 1,
      lastTriggeredBarOpen: 1_767_225_600_000,
      lastEvaluatedBarOpen: 1_767_225_660_000,
      rev: 7,
    };
    const insert = (name: string, type: string, state: unknown) =>
      before.query(
        `INSERT INTO jobs (name, type, schedule, config, retry, timeout_seconds, misfire, state)
       VALUES ($1, $2, '{"bar":"1m"}', '{}', '{"maxAttempts":1,"backoffSeconds":1}', 60, '{"graceSeconds":60,"policy":"skip"}', $3) RETURNING id`,
        [name, type, state === null ? null : JSON.stringify(state)],
      );
    const [[{ id: stepped }], [{ id: fresh }], [{ id: other }]] = [
      await insert('stepped', 'alert', legacy),
      await insert('fresh', 'alert', { status: 'armed', triggerCount: 0, consecutiveTrue: 0, rev: 0 }),
      await insert('cleanup', 'cleanup', null),
    ];
    await before.destroy();

    // Up to and including JobStates, so that undoing the last migration undoes it.
    const after = new DataSource({
      ...dataSourceOptions(db.url!, { embedded: false }),
      migrations: MIGRATIONS.slice(0, 5),
    });
    await after.initialize();
    await after.runMigrations();
    const rows = await after.query('SELECT job_id, rev, cursor, state FROM job_states ORDER BY rev DESC');
    expect(rows).toEqual([
      {
        job_id: stepped,
        rev: 7,
        cursor: '1767225660000',
        state: { status: 'triggered', triggerCount: 2, consecutiveTrue: 1, lastTriggeredBarOpen: 1_767_225_600_000 },
      },
      { job_id: fresh, rev: 0, cursor: null, state: { status: 'armed', triggerCount: 0, consecutiveTrue: 0 } },
    ]);
    const [job] = await after.query('SELECT state FROM jobs WHERE id = $1', [stepped]);
    expect(job.state).toEqual({
      status: 'triggered',
      triggerCount: 2,
      consecutiveTrue: 1,
      lastTriggeredBarOpen: 1_767_225_600_000,
    });
    expect(await after.query('SELECT state FROM jobs WHERE id = $1', [other])).toEqual([{ state: null }]);

    await after.undoLastMigration();
    const [restored] = await after.query('SELECT state FROM jobs WHERE id = $1', [stepped]);
    expect(restored.state).toEqual(legacy);
    await after.destroy();
  });
});
