import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import BetterSqlite3 from 'better-sqlite3';

import { MIGRATIONS } from './migrations';
import { StationDatabase } from './station-database';

const INSERT_INBOX_ROW = `
INSERT INTO inbox_events (consumer_group, event_id, event_type) VALUES ($1, $2, $3)
ON CONFLICT DO NOTHING`;

describe('StationDatabase', () => {
  let folder: string;
  let database: StationDatabase;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'station-db-'));
    database = StationDatabase.open(join(folder, 'nested', 'station.sqlite'));
  });

  afterEach(async () => {
    await database.close();
    rmSync(folder, { force: true, recursive: true });
  });

  it('opens in WAL mode with migrations', () => {
    const rows = database.query<{ version: number }>('SELECT version FROM schema_migrations');
    const direct = new BetterSqlite3(join(folder, 'nested', 'station.sqlite'), { readonly: true });

    expect(rows.map((row) => row.version)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(direct.pragma('journal_mode', { simple: true })).toBe('wal');
    direct.close();
  });

  it('counts changed rows of inbox inserts', async () => {
    const first = await database.transaction((tx) =>
      tx.$executeRawUnsafe(INSERT_INBOX_ROW, 'group-a', 'event-1', 'type.v1'),
    );
    const again = await database.transaction((tx) =>
      tx.$executeRawUnsafe(INSERT_INBOX_ROW, 'group-a', 'event-1', 'type.v1'),
    );

    expect(first).toBe(1);
    expect(again).toBe(0);
  });

  it('returns rows from queries with placeholders', async () => {
    await database.transaction((tx) =>
      tx.$executeRawUnsafe(INSERT_INBOX_ROW, 'group-a', 'event-2', 'type.v1'),
    );

    const rows = await database.transaction((tx) =>
      tx.$queryRawUnsafe<{ event_type: string }[]>(
        'SELECT event_type FROM inbox_events WHERE consumer_group = $1 AND event_id = $2',
        'group-a',
        'event-2',
      ),
    );

    expect(rows).toEqual([{ event_type: 'type.v1' }]);
  });

  it('rolls back a failed transaction', async () => {
    const failing = database.transaction(async (tx) => {
      await tx.$executeRawUnsafe(INSERT_INBOX_ROW, 'group-a', 'event-3', 'type.v1');
      throw new Error('handler failed');
    });

    await expect(failing).rejects.toThrow('handler failed');
    expect(database.query('SELECT * FROM inbox_events')).toEqual([]);
  });

  it('runs transactions one at a time', async () => {
    const steps: string[] = [];
    const slow = database.transaction(async (tx) => {
      steps.push('slow start');
      await sleep(50);
      await tx.$executeRawUnsafe(INSERT_INBOX_ROW, 'group-a', 'slow', 'type.v1');
      steps.push('slow end');
    });
    const fast = database.transaction(async (tx) => {
      steps.push('fast start');
      await tx.$executeRawUnsafe(INSERT_INBOX_ROW, 'group-a', 'fast', 'type.v1');
      steps.push('fast end');
    });

    await Promise.all([slow, fast]);

    expect(steps).toEqual(['slow start', 'slow end', 'fast start', 'fast end']);
  });

  it('hides uncommitted rows from reads', async () => {
    let seenInside: unknown[] = [];

    await database.transaction(async (tx) => {
      await tx.$executeRawUnsafe(INSERT_INBOX_ROW, 'group-a', 'event-4', 'type.v1');
      seenInside = database.query('SELECT * FROM inbox_events');
    });

    expect(seenInside).toEqual([]);
    expect(database.query('SELECT event_id FROM inbox_events')).toEqual([{ event_id: 'event-4' }]);
  });

  it('rejects use of an ended transaction', async () => {
    const leaked = await database.transaction(async (tx) => tx);

    await expect(
      leaked.$executeRawUnsafe(INSERT_INBOX_ROW, 'group-a', 'late', 'type.v1'),
    ).rejects.toThrow('already ended');
  });

  it('reopens without reapplying migrations', async () => {
    await database.close();
    database = StationDatabase.open(join(folder, 'nested', 'station.sqlite'));

    expect(database.query('SELECT version FROM schema_migrations')).toHaveLength(MIGRATIONS.length);
  });
});
